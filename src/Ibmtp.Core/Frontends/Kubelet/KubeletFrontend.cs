using Ibmtp.Composition;
using Ibmtp.Platform;

namespace Ibmtp.Frontends.Kubelet;

/// <summary>
/// The kubelet provider's form of the <see cref="OutcomePolicy"/>: stdout carries a valid response and
/// nothing else, with exit 0, and nothing found is the empty response, which sends the kubelet on to the
/// pod's image pull secrets; a failure is one line on stderr, which the kubelet logs, with exit 1.
/// </summary>
public static class KubeletFrontend
{
    /// <param name="answer">The response to the request, or null when nothing is there for its image.</param>
    public static int Run(HelperContext context, Func<Lazy<HelperServices>, CredentialProviderResponse?> answer)
    {
        var services = new Lazy<HelperServices>(() => HelperServices.Create(context, KubeletApi.TimeoutCap));
        return OutcomePolicy.ForClient(context.Error, "kubelet").Run(
            () =>
            {
                if (answer(services) is not { } response)
                    return Outcome.NothingFound;
                KubeletJson.WriteResponse(context.Output, response);
                return Outcome.Answered;
            },
            () => NothingFound(context),
            services);
    }

    private static int NothingFound(HelperContext context)
    {
        KubeletJson.WriteResponse(context.Output, CredentialProviderResponse.Empty);
        return OutcomePolicy.Success;
    }
}
