using System.Diagnostics;
using System.Text;
using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// The published helper against a Secret Service that misbehaves (<see cref="HostileSecretService"/>):
/// whatever it answers, or if it never does, docker gets one line and doctor lines of its own, each
/// escaped and cut short, with no secret, within IBMTP_TIMEOUT and some slack.
/// </summary>
[TestFixture]
public sealed class HostileSecretServiceTests
{
    private const int Timeout = 2;
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(8);
    // SafeLine's cut, the marker that says how long the text was, and doctor's fact name before it.
    private const int LongestLine = 1000 + 80;

    private static TestHome Home()
    {
        var home = new TestHome();
        home.Environment["IBMTP_KEYSTORE"] = "secretservice";
        home.Environment["IBMTP_TIMEOUT"] = Timeout.ToString(System.Globalization.CultureInfo.InvariantCulture);
        home.Environment["IBMTP_LOG_LEVEL"] = "debug";
        return home;
    }

    /// <summary>No byte that acts on a terminal, no forged line, no line longer than the cut.</summary>
    private static void AssertSafeLines(ProcessResult result)
    {
        var output = result.StandardOutput + result.StandardError;
        Assert.That(output.Where(character => char.IsControl(character) && character != '\n'), Is.Empty, $"a control character reached the terminal: {Excerpt(output)}");
        var lines = output.Split('\n');
        Assert.That(lines.Where(line => line.Length > LongestLine).Select(line => line.Length), Is.Empty, "a line longer than the cut");
        Assert.That(lines.Where(line => line.StartsWith("! forged", StringComparison.Ordinal)), Is.Empty, "a forged doctor line");
    }

    private static string Excerpt(string text) => text.Length > 2000 ? text[..2000] : text;

    [TestCase(SecretServiceMisbehaviour.HostileErrors)]
    [TestCase(SecretServiceMisbehaviour.Malformed)]
    [TestCase(SecretServiceMisbehaviour.Slow)]
    [TestCase(SecretServiceMisbehaviour.Silent)]
    public async Task Get_is_one_safe_line_within_the_timeout(SecretServiceMisbehaviour misbehaviour)
    {
        using var home = Home();
        using var service = await HostileSecretService.StartAsync(home, misbehaviour);
        var clock = Stopwatch.StartNew();

        var get = await new HelperCli(home).GetAsync("us.icr.io");

        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(Timeout) + Slack));
        var line = HelperOutput.AssertOneLineFailure(get);
        Assert.That(line, Does.StartWith("the Secret Service failed ("));
        AssertSafeLines(get);
    }

    [TestCase(SecretServiceMisbehaviour.HostileErrors)]
    [TestCase(SecretServiceMisbehaviour.Malformed)]
    [TestCase(SecretServiceMisbehaviour.Slow)]
    [TestCase(SecretServiceMisbehaviour.Silent)]
    public async Task Doctor_reports_the_keystore_as_a_problem_in_safe_lines(SecretServiceMisbehaviour misbehaviour)
    {
        using var home = Home();
        using var service = await HostileSecretService.StartAsync(home, misbehaviour);
        var clock = Stopwatch.StartNew();

        var doctor = await new HelperCli(home).RunWithArgumentsAsync("doctor", "us.icr.io");

        // doctor asks the keystore twice: to describe it, and for the host's login.
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(2 * Timeout) + Slack));
        Assert.That(doctor.ExitCode, Is.EqualTo(1), Excerpt(doctor.ToString()));
        Assert.That(doctor.StandardOutput, Does.Contain("! keystore:").And.Contain("the Secret Service failed ("));
        AssertSafeLines(doctor);
    }

    [Test]
    public async Task An_error_that_echoes_the_secret_in_any_spelling_shows_none_of_them()
    {
        using var home = Home();
        using var service = await HostileSecretService.StartAsync(home, SecretServiceMisbehaviour.HostileErrors);
        const string secret = "hostile/echo secret+1";

        var store = await new HelperCli(home).StoreAsync("us.icr.io", "Profile-us", secret);

        var line = HelperOutput.AssertOneLineFailure(store);
        AssertSafeLines(store);
        Assert.That(line, Does.Contain("\\u001b]0;owned\\u0007"));
        foreach (var spelling in new[] { secret, Uri.EscapeDataString(secret).ToLowerInvariant(), Convert.ToBase64String(Encoding.UTF8.GetBytes(secret)) })
        {
            Assert.That(line, Does.Not.Contain(spelling));
            Assert.That(home.ReadLog(), Does.Not.Contain(spelling));
        }
    }

    [Test]
    public async Task A_keyrings_label_and_a_username_with_escapes_and_a_megabyte_reach_doctor_escaped_and_cut()
    {
        using var home = Home();
        using var service = await HostileSecretService.StartAsync(home, SecretServiceMisbehaviour.HostileNames);

        var doctor = await new HelperCli(home).RunWithArgumentsAsync("doctor", "us.icr.io");

        AssertSafeLines(doctor);
        Assert.That(doctor.StandardOutput, Does.Contain("Secret Service, keyring '\\u001b]0;owned\\u0007\\u001b[2J\\u0007 ! forged: line xxx"));
        Assert.That(doctor.StandardOutput, Does.Contain("keystore entry for us.icr.io, user \\u001b]0;owned\\u0007"));
        Assert.That(doctor.StandardOutput, Does.Not.Contain(HostileSecretService.StoredSecret));
    }

    [Test]
    public async Task A_keyring_that_refuses_its_first_searches_as_not_implemented_is_asked_again()
    {
        using var home = Home();
        using var service = await HostileSecretService.StartAsync(home, SecretServiceMisbehaviour.NotReadyForSearches);

        var get = await new HelperCli(home).GetAsync("us.icr.io");

        Assert.That(get.ExitCode, Is.EqualTo(0), get.StandardError);
        Assert.That(get.StandardOutput, Does.Contain($"\"Secret\":\"{HostileSecretService.StoredSecret}\""));
    }
}
