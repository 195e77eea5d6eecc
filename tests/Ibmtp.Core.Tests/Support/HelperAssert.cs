namespace Ibmtp.Tests.Support;

public static class HelperAssert
{
    /// <summary>The protocol's failure shape: exit 1 and exactly one line on stdout, never a stack trace.</summary>
    public static void OneLineFailure(HelperResult result)
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(1), "exit status");
            Assert.That(result.Stdout, Does.EndWith("\n"), "stdout ends its line");
            Assert.That(result.StdoutLines, Has.Length.EqualTo(1), "lines on stdout");
            Assert.That(result.Stdout, Does.Not.Contain("   at "), "stack trace");
            Assert.That(result.Stdout.Trim(), Is.Not.Empty, "message");
        }
    }

    /// <summary>A failure whose one line is exactly <paramref name="message"/>.</summary>
    public static void FailsWith(HelperResult result, string message)
    {
        OneLineFailure(result);
        Assert.That(result.Stdout, Is.EqualTo(message + "\n"));
    }

    public static void NotFound(HelperResult result) => FailsWith(result, "credentials not found in native keychain");

    public static void Succeeds(HelperResult result)
    {
        Assert.That(result.ExitCode, Is.EqualTo(0), $"exit status; stdout: {result.Stdout}");
    }
}
