using System.Text;
using Ibmtp.Platform;
using Ibmtp.Secrets;

namespace Ibmtp.Commands;

/// <summary>Runs one invocation: finds the command in the <see cref="CommandTable"/> and hands it the rest of the arguments.</summary>
public static class HelperApp
{
    public static int Run(IReadOnlyList<string> args, HelperContext context)
    {
        var name = args.Count > 0 ? args[0] : "";
        if (name.Length == 0)
            return Refuse(context, $"{HelperInfo.Name}: no action given; use {Usage.CommandChoices()} (see --help)");
        return CommandTable.Find(name) is { } command
            ? command.Run(context, args.Skip(1).ToArray())
            : Refuse(context, $"{HelperInfo.Name}: unknown action: {name}");
    }

    /// <summary>Prints a command's text answer on stdout; exit 0.</summary>
    public static int Print(HelperContext context, string text)
    {
        WriteLine(context.Output, text);
        return 0;
    }

    /// <summary>
    /// A command line no command takes: one line on stdout and exit 1, as the credential-helper
    /// protocol reports every failure, since docker reads a helper's stdout, not its stderr.
    /// </summary>
    private static int Refuse(HelperContext context, string message)
    {
        WriteLine(context.Output, SecretRedactor.Redact(message));
        return 1;
    }

    private static void WriteLine(Stream stream, string text)
    {
        stream.Write(Encoding.UTF8.GetBytes(text + "\n"));
        stream.Flush();
    }
}
