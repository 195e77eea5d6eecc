using Ibmtp.Platform;

namespace Ibmtp.Commands;

/// <summary><c>help</c>: the usage text, written from the command and settings tables.</summary>
public static class HelpCommand
{
    public static int Run(HelperContext context, IReadOnlyList<string> args) => HelperApp.Print(context, Usage.Text());
}
