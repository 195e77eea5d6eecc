using Ibmtp.Commands;
using Ibmtp.Helper;
using Ibmtp.Platform;

// Files are owner-only whatever the caller's umask, including those that libraries create.
NativeMethods.RestrictUmask();

return HelperApp.Run(args, new HelperContext
{
    Environment = new ProcessEnvironment(),
    Input = Console.OpenStandardInput(),
    Output = Console.OpenStandardOutput(),
    Error = Console.OpenStandardError(),
    UserId = NativeMethods.UserId(),
});
