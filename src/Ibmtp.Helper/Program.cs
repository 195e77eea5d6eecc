using Ibmtp.Commands;
using Ibmtp.Helper;
using Ibmtp.Interop.Unix;
using Ibmtp.Platform;

// Files are owner-only whatever the caller's umask, including those that libraries create.
CurrentProcess.RestrictUmask();

return HelperApp.Run(args, new HelperContext
{
    Environment = new ProcessEnvironment(),
    Input = StandardStreams.Input,
    Output = StandardStreams.Output,
    Error = StandardStreams.Error,
    UserId = CurrentProcess.UserId(),
});
