using System.Text;
using Serilog.Sinks.File;

namespace Ibmtp.Logging;

/// <summary>Serilog creates log files with the process umask; this makes each one 0600 before the first line is written.</summary>
internal sealed class OwnerOnlyLogFiles : FileLifecycleHooks
{
    public override Stream OnFileOpened(string path, Stream underlyingStream, Encoding encoding)
    {
        File.SetUnixFileMode(path, Platform.PrivateFiles.OwnerOnlyFile);
        return underlyingStream;
    }
}
