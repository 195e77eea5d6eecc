using System.Text;
using Ibmtp.Commands;
using Ibmtp.Platform;

namespace Ibmtp.Fuzz;

/// <summary>Runs one action through <see cref="HelperApp"/>, the entry point of the binary, with in-memory standard streams.</summary>
public static class HelperCall
{
    public static HelperOutcome Run(IEnvironment environment, string action, byte[] stdin) => Run(environment, [action], stdin);

    /// <summary>Runs a command a person types, such as <c>configure --docker</c>, with nothing on stdin.</summary>
    public static HelperOutcome RunCommand(IEnvironment environment, params string[] arguments) => Run(environment, arguments, []);

    private static HelperOutcome Run(IEnvironment environment, string[] arguments, byte[] stdin)
    {
        using var input = new MemoryStream(stdin);
        using var output = new MemoryStream();
        using var error = new MemoryStream();
        var exitCode = HelperApp.Run(arguments, new HelperContext { Environment = environment, Input = input, Output = new LineWriter(output), Error = new LineWriter(error) });
        return new HelperOutcome(arguments[0], exitCode, Encoding.UTF8.GetString(output.ToArray()), Encoding.UTF8.GetString(error.ToArray()));
    }

    public static HelperOutcome Run(IEnvironment environment, string action, string stdin) =>
        Run(environment, action, Encoding.UTF8.GetBytes(stdin));
}
