using Ibmtp.Commands;
using Ibmtp.Secrets;
using Ibmtp.Tests.Support;

namespace Ibmtp.Tests.Commands;

/// <summary>
/// How a command a person runs tells each way it ends: its answer on stdout with the exit status it
/// chose; a failure as one line on stderr that names the program and the command, with exit 1. A fault
/// the helper cannot explain is left to the last resort of every invocation (<see cref="HelperAppTests"/>).
/// </summary>
[TestFixture]
public sealed class PersonCommandTests
{
    private static HelperResult Run(Func<PersonCommand, int> body)
    {
        var fake = new FakeContext(new DictionaryEnvironment(new Dictionary<string, string>()));
        var person = new PersonCommand(fake.Context, "doctor");
        return fake.Result(person.Run(() => body(person)));
    }

    [Test]
    public void An_answer_is_its_lines_on_stdout_warnings_on_stderr_and_the_status_the_command_chose()
    {
        var result = Run(person =>
        {
            person.Say("get us.icr.io would not return credentials");
            person.Warn("the keystore is empty");
            return 1;
        });

        Assert.That(result, Is.EqualTo(new HelperResult(1, "get us.icr.io would not return credentials\n", "warning: the keystore is empty\n")));
    }

    public static IEnumerable<TestCaseData> Failures()
    {
        yield return new TestCaseData(new HelperException("set IBMTP_TIMEOUT\nto seconds"), "set IBMTP_TIMEOUT to seconds").SetArgDisplayNames("HelperException");
        yield return new TestCaseData(new IOException("No space\r\nleft on device"), "No space left on device").SetArgDisplayNames("IOException");
        yield return new TestCaseData(new UnauthorizedAccessException("Access denied"), "Access denied").SetArgDisplayNames("UnauthorizedAccessException");
    }

    [TestCaseSource(nameof(Failures))]
    public void A_failure_is_one_line_on_stderr_naming_the_command_and_exit_1(Exception failure, string line)
    {
        Assert.That(Run(_ => throw failure), Is.EqualTo(new HelperResult(1, "", $"docker-credential-ibmtp doctor: {line}\n")));
    }

    [Test]
    public void An_unexpected_fault_is_left_to_the_last_resort()
    {
        Assert.Throws<InvalidOperationException>(() => Run(_ => throw new InvalidOperationException("a bug")));
    }

    [Test]
    public void A_secret_holding_a_line_break_is_blanked_before_the_line_is_joined()
    {
        var secret = new Secret("person-command\nsecret-1");

        var result = Run(_ => throw new IOException($"cannot read {secret.Value}"));

        Assert.That(result.Stderr, Is.EqualTo("docker-credential-ibmtp doctor: cannot read [REDACTED]\n"));
    }
}
