using Ibmtp.Keystores.Pass;
using Ibmtp.Platform;
using Ibmtp.Tests.Support;

namespace Ibmtp.Tests.Keystores.Pass;

/// <summary>How pass is started: found on the given PATH, with the given environment only, its input on stdin.</summary>
[TestFixture]
public class PassProgramTests : TempHomeFixture
{
    private string Bin => Path.Combine(Home.Root, "bin");

    [SetUp]
    public void PutAPassThatRecordsItsCallFirstOnPath()
    {
        // Each line of the record is one thing pass was given; the environment is filtered to what a leak would look like.
        var script = Home.WriteFile("bin/pass",
            "#!/bin/sh\n"
            + "for argument in \"$@\"; do echo \"arg:$argument\"; done > \"$HOME/call\"\n"
            + "env | grep -E '^(HOME|GNUPGHOME|IBMCLOUD_API_KEY)=' | sed 's/^/env:/' >> \"$HOME/call\"\n"
            + "cat > \"$HOME/stdin\"\n"
            + "echo 'some output'\n"
            + "echo 'gpg: a problem' >&2\n"
            + "exit 3\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Home.Variables["PATH"] = $"{Bin}:/usr/bin:/bin";
        Home.Variables["GNUPGHOME"] = Path.Combine(Home.Root, "gnupg");
        Home.Variables["IBMCLOUD_API_KEY"] = "an-api-key-the-child-must-not-see";
    }

    private PassProgram Pass(Deadline? deadline = null) => new(new PassEnvironment(Home.Environment), deadline ?? new Deadline(TimeSpan.FromSeconds(20), TimeProvider.System));

    private void PassIs(string script)
    {
        var pass = Home.WriteFile("bin/pass", "#!/bin/sh\n" + script);
        File.SetUnixFileMode(pass, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    [Test]
    public void Pass_gets_its_arguments_one_by_one_its_input_on_stdin_and_only_the_variables_it_reads()
    {
        var result = Pass().Run(["insert", "--multiline", "docker-credential-ibmtp/localhost:5000"], "the secret\nusername: u\n");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result, Is.EqualTo(new PassResult(3, "some output\n", "gpg: a problem\n")));
            Assert.That(File.ReadAllLines(Path.Combine(Home.Root, "call")), Is.EquivalentTo(new[]
            {
                "arg:insert", "arg:--multiline", "arg:docker-credential-ibmtp/localhost:5000",
                $"env:HOME={Home.Root}", $"env:GNUPGHOME={Home.Variables["GNUPGHOME"]}",
            }));
            Assert.That(File.ReadAllText(Path.Combine(Home.Root, "stdin")), Is.EqualTo("the secret\nusername: u\n"));
        }
    }

    [Test]
    public void Without_pass_on_the_given_PATH_the_message_says_how_to_install_it()
    {
        Home.Variables["PATH"] = "/nonexistent";
        var pass = Pass();

        var failure = Assert.Throws<HelperException>(pass.RequireInstalled);

        Assert.That(failure!.Message, Is.EqualTo("pass is not installed: sudo apt-get install pass, or set IBMTP_KEYSTORE=file"));
    }

    [Test]
    public void A_problem_is_pass_stderr_on_one_line()
    {
        Assert.That(new PassResult(1, "", "gpg: one\n\n  gpg: two  \n").Problem(), Is.EqualTo("gpg: one; gpg: two"));
        Assert.That(new PassResult(4, "", "").Problem(), Is.EqualTo("pass exited with status 4"));
    }

    [Test]
    public void A_pass_that_never_ends_is_stopped_with_everything_it_started_when_the_deadline_is_reached()
    {
        // A child that keeps pass's pipes open, as gpg waiting on a pinentry does.
        PassIs("sleep 600 &\necho $! > \"$HOME/child\"\nwait\n");
        var pass = Pass(new Deadline(TimeSpan.FromSeconds(1), TimeProvider.System));

        var running = Task.Run(() => pass.Run(["show", "docker-credential-ibmtp/us.icr.io"]));

        Assert.That(((IAsyncResult)running).AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(5)), "pass still waited on 4 s after the deadline");
        Assert.That(running.Exception?.InnerException, Is.TypeOf<HelperException>().With.Message.EqualTo(
            "pass show docker-credential-ibmtp/us.icr.io had not finished when IBMTP_TIMEOUT (1 s) ran out: gpg is most likely waiting for a passphrase at a prompt no one sees; unlock your key in a terminal first (pass show on any entry asks for it there), then try again"));
        var child = int.Parse(File.ReadAllText(Path.Combine(Home.Root, "child")));
        Assert.That(() => IsRunning(child), Is.False.After(2000, 50), "pass's child outlived it");
    }

    [Test]
    public void Every_run_shares_one_deadline()
    {
        PassIs("sleep 0.8\n");
        var pass = Pass(new Deadline(TimeSpan.FromSeconds(1.2), TimeProvider.System));

        Assert.That(pass.Run(["ls"]).Succeeded);
        Assert.Throws<HelperException>(() => pass.Run(["ls"]));
    }

    [Test]
    public void An_output_larger_than_any_login_stops_pass_without_reading_it_all()
    {
        PassIs("head -c 100000000 /dev/zero\ntouch \"$HOME/read-to-the-end\"\n");

        var result = Pass().Run(["show", "docker-credential-ibmtp/us.icr.io"]);

        Assert.That(result.OutputTooLarge && !result.Succeeded && result.Output.Length == 0, result.ToString());
        Assert.That(File.Exists(Path.Combine(Home.Root, "read-to-the-end")), Is.False);
    }

    [Test]
    public void An_output_of_exactly_the_limit_is_read_whole()
    {
        PassIs($"head -c {PassProgram.OutputLimit} /dev/zero | tr '\\0' x\n");

        var result = Pass().Run(["show", "docker-credential-ibmtp/us.icr.io"]);

        Assert.That(result.Succeeded, result.ToString());
        Assert.That(result.Output, Has.Length.EqualTo(PassProgram.OutputLimit));
    }

    [Test]
    public void A_flood_on_stderr_is_cut_and_never_stalls_pass()
    {
        PassIs("head -c 20000000 /dev/zero | tr '\\0' e >&2\necho done\n");

        var result = Pass().Run(["show", "docker-credential-ibmtp/us.icr.io"]);

        Assert.That(result.Output, Is.EqualTo("done\n"));
        Assert.That(result.Error.Length, Is.LessThanOrEqualTo(64 * 1024));
    }

    private static bool IsRunning(int pid) =>
        File.Exists($"/proc/{pid}/stat") && !File.ReadAllText($"/proc/{pid}/stat").Split(' ')[2].Equals("Z", StringComparison.Ordinal);
}
