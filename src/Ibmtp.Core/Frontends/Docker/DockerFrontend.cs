using Ibmtp.Composition;
using Ibmtp.Platform;

namespace Ibmtp.Frontends.Docker;

/// <summary>
/// The docker credential-helper protocol's form of the <see cref="OutcomePolicy"/>, shared by get,
/// store, erase and list: the answer on stdout and exit 0; a failure, and a miss with its exact
/// message, as one line on stdout, where the clients read a helper's error, and exit 1. stderr is left
/// for warnings a person must act on.
/// </summary>
public static class DockerFrontend
{
    /// <param name="handle">Reads the request and answers it. The services are created on first use, so a request can be read, and judged, before any setting is.</param>
    public static int Run(HelperContext context, string action, Func<DockerProtocol, Lazy<HelperServices>, Outcome> handle)
    {
        var services = new Lazy<HelperServices>(() => HelperServices.Create(context));
        return OutcomePolicy.ForClient(context.Output, action)
            .Run(() => handle(new DockerProtocol(context.Input, context.Output), services), () => NotFound(context), services);
    }

    /// <summary>A command line no command takes, refused as a failed call of that action: one line on stdout.</summary>
    public static int Refuse(HelperContext context, string action, string message) => OutcomePolicy.ForClient(context.Output, action).Fail(message);

    private static int NotFound(HelperContext context)
    {
        // Never redacted: clients compare it byte for byte, and a short stored password could match a word of it.
        context.Output.WriteLine(DockerMessages.CredentialsNotFound);
        return OutcomePolicy.Failure;
    }
}
