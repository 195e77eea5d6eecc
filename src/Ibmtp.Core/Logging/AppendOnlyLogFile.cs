using System.Text;
using Ibmtp.Files;
using Ibmtp.Interop.Unix;
using Microsoft.Win32.SafeHandles;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;

namespace Ibmtp.Logging;

/// <summary>
/// The log file. Parallel pulls run many helpers at once, so each event is one write(2) to a file
/// opened with O_APPEND: the kernel puts every line whole at the end, and none tears or overwrites
/// another. The file is never reached through a symbolic link, so a planted link cannot send the
/// log into another file. At the size limit the file is renamed aside (ibmtp.log → ibmtp.1.log, and
/// so on), keeping a bounded number.
/// </summary>
internal sealed class AppendOnlyLogFile : ILogEventSink, IDisposable
{
    private readonly string _path;
    private readonly ITextFormatter _formatter;
    private readonly long _sizeLimit;
    private readonly int _retainedFiles;
    private SafeFileHandle _file;
    private long _size;

    public AppendOnlyLogFile(string path, ITextFormatter formatter, long sizeLimit, int retainedFiles)
    {
        _path = path;
        _formatter = formatter;
        _sizeLimit = sizeLimit;
        _retainedFiles = retainedFiles;
        _file = Open();
        _size = RandomAccess.GetLength(_file);
    }

    public void Emit(LogEvent logEvent)
    {
        using var text = new StringWriter();
        _formatter.Format(logEvent, text);
        var line = Encoding.UTF8.GetBytes(text.ToString());
        try
        {
            if (_size >= _sizeLimit)
                Roll();
            UnixFiles.WriteAll(_file, line, _path);
            _size += line.Length;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // A full disk or a log folder gone read-only loses the line, never the call.
        }
    }

    public void Dispose() => _file.Dispose();

    private SafeFileHandle Open() => SafeOpen.OwnFile(_path, OpenFlags.WriteOnly | OpenFlags.Append);

    /// <summary>
    /// Renames the full file aside, then opens a fresh one. Of several helpers that find it full at
    /// once, the one holding its flock renames; the others, and one whose file was renamed under it,
    /// just open whatever now has the name.
    /// </summary>
    private void Roll()
    {
        if (UnixFiles.TryLockExclusive(_file) == 0 && StillHasTheName())
        {
            File.Delete(RolledName(_retainedFiles - 1));
            for (var age = _retainedFiles - 2; age >= 1; age--)
            {
                if (File.Exists(RolledName(age)))
                    File.Move(RolledName(age), RolledName(age + 1), overwrite: true);
            }
            File.Move(_path, RolledName(1), overwrite: true);
        }
        _file.Dispose();
        _file = Open();
        _size = RandomAccess.GetLength(_file);
    }

    private bool StillHasTheName()
    {
        try
        {
            using var named = SafeOpen.Open(_path, OpenFlags.ReadOnly | OpenFlags.NoFollow | OpenFlags.NonBlocking);
            return FileStatus.Of(named, _path).Inode == FileStatus.Of(_file, _path).Inode;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private string RolledName(int age) => Path.ChangeExtension(_path, $"{age}{Path.GetExtension(_path)}");
}
