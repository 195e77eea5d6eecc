using Ibmtp.Commands;
using Ibmtp.Helper;
using Ibmtp.Interop.Unix;
using Ibmtp.Platform;

#if STATIC_GLIBC
NameServiceSwitch.UseBuiltInModulesOnly();
OpenSslConfiguration.NeverLoad();
#endif
// Files are owner-only whatever the caller's umask, including those that libraries create.
CurrentProcess.RestrictUmask();

try
{
    return HelperApp.Run(args, new HelperContext
    {
        Environment = new ProcessEnvironment(),
        Input = StandardStreams.Input,
        Output = new LineWriter(StandardStreams.Output),
        Error = new LineWriter(StandardStreams.Error),
        UserId = CurrentProcess.UserId(),
        CallerName = CurrentProcess.ParentName,
        Terminal = new ConsoleTerminal(),
    });
}
catch (Exception e) when (e is IOException or UnauthorizedAccessException)
{
    // The client closed or broke the stream the answer or its error goes to: nothing is left to tell.
    return 1;
}
