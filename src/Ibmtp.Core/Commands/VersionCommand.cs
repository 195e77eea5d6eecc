using Ibmtp.Platform;

namespace Ibmtp.Commands;

/// <summary><c>version</c>: one line naming the binary, the package and the version.</summary>
public static class VersionCommand
{
    public static int Run(HelperContext context, IReadOnlyList<string> args) => HelperApp.Print(context, HelperInfo.VersionLine);
}
