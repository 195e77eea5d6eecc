using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// The published binary with standard streams other than the pipes clients give it: a file that the
/// shell goes on writing, and streams the parent closed. The answer lands where the shell expects it,
/// and a stream that cannot be written is never a crash with a stack trace.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.Children)]
public sealed class StandardStreamTests
{
    [Test]
    public async Task An_answer_redirected_to_a_file_is_followed_by_what_the_shell_writes_next()
    {
        using var home = WithEnvironmentCredentials(out var apiKey);
        var file = Path.Combine(home.Path, "answer.txt");

        var run = await Shell(home, $"{{ printf us.icr.io | \"$0\" get; echo after; }} > '{file}'");

        var lines = await File.ReadAllLinesAsync(file);
        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(lines, Has.Length.EqualTo(2));
        Assert.That(lines[0], Does.Contain(apiKey));
        Assert.That(lines[1], Is.EqualTo("after"));
    }

    [TestCase("get", "us.icr.io", 0)]
    [TestCase("get", "docker.io", 1)]
    [TestCase("list", "unused", 0)]
    public async Task Closed_standard_output_swallows_the_answer_and_keeps_the_exit_status(string action, string input, int exitCode)
    {
        using var home = WithEnvironmentCredentials(out _);

        var run = await Shell(home, $"printf '{input}' | \"$0\" {action} >&-");

        Assert.That(run.ExitCode, Is.EqualTo(exitCode), run.ToString());
        Assert.That(run.StandardError, Is.Empty);
    }

    [Test]
    public async Task Closed_standard_input_is_an_empty_request()
    {
        using var home = WithEnvironmentCredentials(out _);

        var run = await Shell(home, "\"$0\" get <&-");

        Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
        Assert.That(run.StandardOutput.Trim(), Is.EqualTo("no credentials server URL"));
    }

    [Test]
    public async Task Closed_standard_error_still_answers_on_standard_output()
    {
        using var home = WithEnvironmentCredentials(out var apiKey);

        var run = await Shell(home, "printf us.icr.io | \"$0\" get 2>&-");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(run.StandardOutput, Does.Contain(apiKey));
    }

    private static TestHome WithEnvironmentCredentials(out string apiKey)
    {
        var home = new TestHome();
        apiKey = FakeCredentials.NewApiKey();
        home.Environment["IBMTP_API_KEY"] = apiKey;
        home.Environment["IBMTP_PROFILE_ID"] = FakeCredentials.TrustedProfileUsername;
        return home;
    }

    // The helper is $0 of the script.
    private static Task<ProcessResult> Shell(TestHome home, string script) =>
        ProcessRunner.RunAsync(
            "/bin/bash",
            ["-c", script, Path.Combine(home.BinDirectory, HelperBinary.FileName)],
            new ProcessOptions { InheritEnvironment = false, Environment = home.Environment });
}
