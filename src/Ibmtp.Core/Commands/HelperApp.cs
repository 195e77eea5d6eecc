using Ibmtp.Frontends.Docker;
using Ibmtp.Platform;

namespace Ibmtp.Commands;

/// <summary>Runs one invocation: finds the command in the <see cref="CommandTable"/> and hands it the rest of the arguments.</summary>
public static class HelperApp
{
    public static int Run(IReadOnlyList<string> args, HelperContext context)
    {
        var name = args.Count > 0 ? args[0] : "";
        if (name.Length == 0)
            return Refuse(context, name, $"{HelperInfo.Name}: no action given; use {Usage.CommandChoices()} (see --help)");
        return CommandTable.Find(name) is { } command
            ? command.Run(context, args.Skip(1).ToArray())
            : Refuse(context, name, $"{HelperInfo.Name}: unknown action: {name}");
    }

    /// <summary>Prints a command's text answer on stdout; exit 0.</summary>
    public static int Print(HelperContext context, string text)
    {
        context.Output.WriteLine(text);
        return 0;
    }

    /// <summary>
    /// A command line no command takes. The callers that run a helper with an action they guess at
    /// are docker's clients, so it is refused the docker protocol's way.
    /// </summary>
    private static int Refuse(HelperContext context, string action, string message) => DockerFrontend.Refuse(context, action, message);
}
