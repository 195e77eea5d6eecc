using Ibmtp.Frontends.Kubelet;
using Ibmtp.Secrets;
using Ibmtp.Tests.Support;

namespace Ibmtp.Tests.Frontends.Kubelet;

/// <summary>
/// How the kubelet front end tells each way a call ends: stdout carries a valid response and nothing
/// else, with exit 0, and nothing found is the empty response; a failure is one line on stderr, which the
/// kubelet logs, with exit 1.
/// </summary>
[TestFixture]
public sealed class KubeletFrontendTests : TempHomeFixture
{
    /// <summary>A response line, written with ' for " to keep it readable.</summary>
    private static string Response(string fields) =>
        "{'apiVersion':'credentialprovider.kubelet.k8s.io/v1','kind':'CredentialProviderResponse','cacheKeyType':'Registry',".Replace('\'', '"')
        + fields.Replace('\'', '"') + "}\n";

    private HelperResult Run(Func<CredentialProviderResponse?> answer)
    {
        var fake = new FakeContext(Home.Environment);
        return fake.Result(KubeletFrontend.Run(fake.Context, _ => answer()));
    }

    [Test]
    public void An_answer_is_the_response_on_stdout_and_exit_0()
    {
        var result = Run(() => new CredentialProviderResponse("1h0m0s", new() { ["us.icr.io"] = new AuthConfig("iambearer", "kubelet-frontend-token-1") }));

        Assert.That(result, Is.EqualTo(new HelperResult(0, Response("'cacheDuration':'1h0m0s','auth':{'us.icr.io':{'username':'iambearer','password':'kubelet-frontend-token-1'}}"), "")));
    }

    [Test]
    public void Nothing_found_is_the_empty_response_and_exit_0()
    {
        Assert.That(Run(() => null), Is.EqualTo(new HelperResult(0, Response("'auth':{}"), "")));
    }

    public static IEnumerable<TestCaseData> Failures()
    {
        yield return new TestCaseData(new HelperException("set IBMTP_TIMEOUT\nto seconds"), "set IBMTP_TIMEOUT to seconds").SetArgDisplayNames("HelperException");
        yield return new TestCaseData(new IOException("No space\r\nleft on device"), "kubelet: No space left on device").SetArgDisplayNames("IOException");
        yield return new TestCaseData(new UnauthorizedAccessException("Access denied"), "kubelet: Access denied").SetArgDisplayNames("UnauthorizedAccessException");
        yield return new TestCaseData(new InvalidOperationException("a bug\nhere"), "kubelet: unexpected InvalidOperationException: a bug here").SetArgDisplayNames("unexpected");
    }

    [TestCaseSource(nameof(Failures))]
    public void A_failure_is_one_line_on_stderr_nothing_on_stdout_and_exit_1(Exception failure, string line)
    {
        Assert.That(Run(() => throw failure), Is.EqualTo(new HelperResult(1, "", line + "\n")));
    }

    [Test]
    public void A_secret_holding_a_line_break_is_blanked_before_the_line_is_joined()
    {
        var secret = new Secret("kubelet-frontend\nsecret-2");

        var result = Run(() => throw new HelperException($"IAM refused {secret.Value}"));

        Assert.That(result.Stderr, Is.EqualTo("IAM refused [REDACTED]\n"));
    }
}
