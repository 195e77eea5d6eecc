using Ibmtp.Commands;
using Ibmtp.Platform;
using Ibmtp.Secrets;
using Ibmtp.Tests.Support;

namespace Ibmtp.Tests.Commands;

/// <summary>
/// The last resort of every invocation: a fault no command explains ends as one line on stderr with
/// exit 1, redacted, never as the runtime's report with its stack trace.
/// </summary>
[TestFixture]
public sealed class HelperAppTests
{
    /// <summary>An environment whose every read fails the way a bug would.</summary>
    private sealed class BrokenEnvironment(Exception fault) : IEnvironment
    {
        public string? Get(string name) => throw fault;
    }

    [Test]
    public void A_bug_in_a_command_for_people_is_one_redacted_line_on_stderr_with_exit_1()
    {
        var secret = new Secret("last-resort-secret-1");

        var result = HelperRun.Run(new BrokenEnvironment(new InvalidOperationException($"a bug\n   at {secret.Value}")), ["doctor"], Stream.Null);

        Assert.That(result, Is.EqualTo(new HelperResult(1, "", "docker-credential-ibmtp: unexpected InvalidOperationException: a bug    at [REDACTED]\n")));
    }

    /// <summary>A client that closed the pipe the answer goes to.</summary>
    private sealed class ClosedPipe : MemoryStream
    {
        public override void Write(ReadOnlySpan<byte> buffer) => throw new IOException("Broken pipe");

        public override void Write(byte[] buffer, int offset, int count) => throw new IOException("Broken pipe");
    }

    [Test]
    public void A_fault_of_the_standard_streams_is_left_to_the_program_with_nothing_written_elsewhere()
    {
        var error = new MemoryStream();
        var context = new HelperContext
        {
            Environment = new DictionaryEnvironment(new Dictionary<string, string>()),
            Input = Stream.Null,
            Output = new LineWriter(new ClosedPipe()),
            Error = new LineWriter(error),
        };

        Assert.Throws<IOException>(() => HelperApp.Run(["version"], context));
        Assert.That(error.ToArray(), Is.Empty);
    }
}
