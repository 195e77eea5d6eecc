using Ibmtp.Credentials;
using Ibmtp.Keystores;
using Ibmtp.Keystores.SecretService;
using Moq;
using Ibmtp.Frontends;
using Ibmtp.Frontends.Docker;
using Ibmtp.Secrets;
using Ibmtp.Tests.Support;
using Ibmtp.Testing;

namespace Ibmtp.Tests.Frontends.Docker;

/// <summary>
/// How the docker front end tells each way a call ends: the answer on stdout with exit 0; a miss and
/// every failure as one line on stdout with exit 1, where docker and podman read a helper's error; stderr
/// untouched.
/// </summary>
[TestFixture]
public sealed class DockerFrontendTests : TempHomeFixture
{
    private HelperResult Get(Func<DockerProtocol, Outcome> handle)
    {
        var fake = new FakeContext(Home.Environment);
        return fake.Result(DockerFrontend.Run(fake.Context, "get", (protocol, _) => handle(protocol)));
    }

    [Test]
    public void An_answer_is_its_line_on_stdout_and_exit_0()
    {
        var result = Get(protocol =>
        {
            protocol.WriteCredentials("us.icr.io", new Login("Profile-1", new Secret("docker-frontend-secret-1"), "test"));
            return Outcome.Answered;
        });

        Assert.That(result, Is.EqualTo(new HelperResult(0, """{"ServerURL":"us.icr.io","Username":"Profile-1","Secret":"docker-frontend-secret-1"}""" + "\n", "")));
    }

    [Test]
    public void Nothing_found_is_the_exact_not_found_line_and_exit_1_even_when_a_secret_matches_it()
    {
        // Clients compare the line byte for byte, so it is never redacted, whatever a stored password happens to be.
        _ = new Secret(DockerMessages.CredentialsNotFound);

        var result = Get(_ => Outcome.NothingFound);

        Assert.That(result, Is.EqualTo(new HelperResult(1, "credentials not found in native keychain\n", "")));
    }

    public static IEnumerable<TestCaseData> Failures()
    {
        yield return new TestCaseData(new HelperException("set IBMTP_TIMEOUT\nto seconds"), "set IBMTP_TIMEOUT to seconds").SetArgDisplayNames("HelperException");
        yield return new TestCaseData(new IOException("No space\r\nleft on device"), "get: No space left on device").SetArgDisplayNames("IOException");
        yield return new TestCaseData(new UnauthorizedAccessException("Access denied"), "get: Access denied").SetArgDisplayNames("UnauthorizedAccessException");
        yield return new TestCaseData(new InvalidOperationException("a bug\nhere"), "get: unexpected InvalidOperationException: a bug here").SetArgDisplayNames("unexpected");
    }

    [TestCaseSource(nameof(Failures))]
    public void A_failure_is_one_line_on_stdout_and_exit_1(Exception failure, string line)
    {
        Assert.That(Get(_ => throw failure), Is.EqualTo(new HelperResult(1, line + "\n", "")));
    }

    [Test]
    public void A_secret_holding_a_line_break_is_blanked_before_the_line_is_joined()
    {
        var secret = new Secret("docker-frontend\nsecret-2");

        var result = Get(_ => throw new IOException($"cannot write {secret.Value}"));

        Assert.That(result.Stdout, Is.EqualTo("get: cannot write [REDACTED]\n"));
    }

    [Test]
    public void A_keyrings_error_with_escapes_a_bell_a_line_break_and_a_megabyte_is_one_escaped_line_cut_short()
    {
        var keyring = new Mock<ISecretItems>();
        keyring.Setup(items => items.Search(It.IsAny<IReadOnlyDictionary<string, string>>(), true))
            .Throws(new SecretServiceException("\u001b]0;owned\u0007\u001b[2J\nforged line " + new string('x', 1024 * 1024)));

        var result = Get(_ => new SecretServiceKeystore(keyring.Object, new WriteLock(() => throw new InvalidOperationException("a find takes no write lock"))).Find(Registry.Host("us.icr.io")) is null ? Outcome.NothingFound : Outcome.Answered);

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Stdout, Does.StartWith("the Secret Service failed (\\u001b]0;owned\\u0007\\u001b[2J forged line xxx"));
        Assert.That(result.Stdout, Does.EndWith(" characters in all)\n").And.Length.LessThan(SafeLine.LongestLine + 40));
        Assert.That(result.Stdout.Count(character => character == '\n'), Is.EqualTo(1));
    }
}
