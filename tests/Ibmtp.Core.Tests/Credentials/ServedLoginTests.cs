using Ibmtp.Tests.Frontends.Kubelet;
using Ibmtp.Tests.Support;

namespace Ibmtp.Tests.Credentials;

/// <summary>
/// Settings that cannot be read opt no host in, the same way at every front end: docker and podman
/// call get for every configured host, and the kubelet runs its provider for every image its
/// configuration matches, so a registry the helper does not serve gets the front end's "nothing found";
/// an IBM registry, served whatever the settings, gets the front end's one-line failure naming the setting.
/// </summary>
[TestFixture]
public sealed class ServedLoginTests : TempHomeFixture
{
    private const string ApiKey = "served-login-key-1";

    /// <summary>A front end as its client sees it: how to ask it for a host, how it says nothing is there, and where its failure line goes.</summary>
    public sealed record FrontEnd(string Name, Func<TempHome, string, HelperResult> Ask, HelperResult NothingFound, bool FailsOnStdout)
    {
        public override string ToString() => Name;
    }

    private static readonly FrontEnd Docker = new(
        "docker get",
        (home, host) => HelperRun.Run(home, "get", host),
        new HelperResult(1, "credentials not found in native keychain\n", ""),
        FailsOnStdout: true);

    private static readonly FrontEnd Kubelet = new(
        "kubelet",
        (home, host) => HelperRun.Run(home, "kubelet", KubeletRequests.For($"{host}/team/app:1")),
        new HelperResult(0, """{"apiVersion":"credentialprovider.kubelet.k8s.io/v1","kind":"CredentialProviderResponse","cacheKeyType":"Registry","auth":{}}""" + "\n", ""),
        FailsOnStdout: false);

    public static IEnumerable<TestCaseData> FrontEndsWithBrokenSettings()
    {
        foreach (var frontEnd in new[] { Docker, Kubelet })
        {
            yield return new TestCaseData(frontEnd, "IBMTP_REGISTRIES", "not a host").SetArgDisplayNames(frontEnd.Name, "IBMTP_REGISTRIES");
            yield return new TestCaseData(frontEnd, "IBMTP_LOG_LEVEL", "loud").SetArgDisplayNames(frontEnd.Name, "IBMTP_LOG_LEVEL");
            yield return new TestCaseData(frontEnd, "IBMTP_TIMEOUT", "soon").SetArgDisplayNames(frontEnd.Name, "IBMTP_TIMEOUT");
            yield return new TestCaseData(frontEnd, "IBMTP_CONFIG", "/nowhere/ibmtp.json").SetArgDisplayNames(frontEnd.Name, "IBMTP_CONFIG");
        }
    }

    [TestCaseSource(nameof(FrontEndsWithBrokenSettings))]
    public void A_host_not_served_gets_nothing_found_whatever_the_setting(FrontEnd frontEnd, string variable, string value)
    {
        Home.Variables[variable] = value;
        Home.Variables["IBMTP_API_KEY"] = ApiKey;

        Assert.That(frontEnd.Ask(Home, "docker.io"), Is.EqualTo(frontEnd.NothingFound));
    }

    [TestCaseSource(nameof(FrontEndsWithBrokenSettings))]
    public void An_IBM_registry_gets_a_one_line_failure_naming_the_setting(FrontEnd frontEnd, string variable, string value)
    {
        Home.Variables[variable] = value;
        Home.Variables["IBMTP_API_KEY"] = ApiKey;

        var result = frontEnd.Ask(Home, "us.icr.io");

        var (failure, other) = frontEnd.FailsOnStdout ? (result.Stdout, result.Stderr) : (result.Stderr, result.Stdout);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(1), "exit status");
            Assert.That(failure, Does.Contain(variable).And.EndWith("\n"));
            Assert.That(failure.TrimEnd('\n'), Does.Not.Contain('\n'), "one line");
            Assert.That(other, Is.Empty);
        }
    }
}
