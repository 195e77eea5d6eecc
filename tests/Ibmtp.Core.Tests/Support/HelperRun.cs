using System.Text;
using Ibmtp.Commands;
using Ibmtp.Platform;

namespace Ibmtp.Tests.Support;

/// <summary>Runs <see cref="HelperApp"/> as the binary would run, with in-memory standard streams.</summary>
public static class HelperRun
{
    public static HelperResult Run(IEnvironment environment, IReadOnlyList<string> args, Stream stdin, string? caller = null)
    {
        var fake = new FakeContext(environment, stdin, caller);
        return fake.Result(HelperApp.Run(args, fake.Context));
    }

    /// <param name="caller">The program that started the helper, as the executable reads it from its parent process.</param>
    public static HelperResult Run(TempHome home, IReadOnlyList<string> args, byte[] stdin, string? caller = null)
    {
        using var input = new MemoryStream(stdin);
        return Run(home.Environment, args, input, caller);
    }

    public static HelperResult Run(TempHome home, string action, string stdin = "") =>
        Run(home, [action], Encoding.UTF8.GetBytes(stdin));

    public static HelperResult Store(TempHome home, string serverUrl, string username, string secret) =>
        Run(home, "store", CredentialsJson(serverUrl, username, secret));

    public static string CredentialsJson(string serverUrl, string username, string secret) =>
        $$"""{"ServerURL":"{{serverUrl}}","Username":"{{username}}","Secret":"{{secret}}"}""";
}
