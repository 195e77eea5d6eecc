using Ibmtp.Keystores.Pass;
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

    [Test]
    public void Pass_gets_its_arguments_one_by_one_its_input_on_stdin_and_only_the_variables_it_reads()
    {
        var result = new PassProgram(new PassEnvironment(Home.Environment)).Run(["insert", "--multiline", "docker-credential-ibmtp/localhost:5000"], "the secret\nusername: u\n");

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
        var pass = new PassProgram(new PassEnvironment(Home.Environment));

        var failure = Assert.Throws<HelperException>(pass.RequireInstalled);

        Assert.That(failure!.Message, Is.EqualTo("pass is not installed: sudo apt-get install pass, or set IBMTP_KEYSTORE=file"));
    }

    [Test]
    public void A_problem_is_pass_stderr_on_one_line()
    {
        Assert.That(new PassResult(1, "", "gpg: one\n\n  gpg: two  \n").Problem(), Is.EqualTo("gpg: one; gpg: two"));
        Assert.That(new PassResult(4, "", "").Problem(), Is.EqualTo("pass exited with status 4"));
    }
}
