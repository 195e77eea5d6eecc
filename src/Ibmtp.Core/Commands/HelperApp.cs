using Ibmtp.Frontends;
using Ibmtp.Frontends.Docker;
using Ibmtp.Platform;
using Ibmtp.Secrets;

namespace Ibmtp.Commands;

/// <summary>Runs one invocation: finds the command in the <see cref="CommandTable"/> and hands it the rest of the arguments.</summary>
public static class HelperApp
{
    /// <summary>
    /// A fault that no command explains (a bug in a command for people, whose policy leaves those to
    /// this) ends here as one line on stderr with exit 1, never as the runtime's report: that report is a
    /// stack trace without a frame's name in this build, and would print the message as it is, secrets
    /// and all. An IOException or UnauthorizedAccessException goes on to <c>Program</c>, which ends with
    /// exit 1 and no line: the commands explain their own file faults, so one left over is most often the
    /// client having closed the stream this line would go to.
    /// </summary>
    public static int Run(IReadOnlyList<string> args, HelperContext context)
    {
        try
        {
            return Dispatch(args, context);
        }
        catch (Exception fault) when (fault is not (IOException or UnauthorizedAccessException))
        {
            context.Error.WriteLine(SafeLine.Of($"{HelperInfo.Name}: unexpected {fault.GetType().Name}: {fault.Message}"));
            return OutcomePolicy.Failure;
        }
    }

    private static int Dispatch(IReadOnlyList<string> args, HelperContext context)
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
