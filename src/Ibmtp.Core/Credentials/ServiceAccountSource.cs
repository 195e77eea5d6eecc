using Ibmtp.Hosts;
using Ibmtp.Logging;
using Ibmtp.Secrets;

namespace Ibmtp.Credentials;

/// <summary>
/// A pod's own identity: its service-account token, traded with IAM's cr-token grant for the trusted
/// profile its service account's annotations name. Without such an annotation it has nothing, and
/// the node's identity is asked next.
/// </summary>
public sealed class ServiceAccountSource(ServiceAccount account, TrustedProfileSource trustedProfiles, UntracedLogger log) : ICredentialSource
{
    public Login? Find(RegistryHost host)
    {
        if (ServiceAccountAnnotations.Profile(account.Annotations) is not { } profile)
        {
            log.Debug("{Host}: the service account names no trusted profile ({Annotation}...); using the node's identity", host, ServiceAccountAnnotations.Prefix);
            return null;
        }
        return trustedProfiles.ForServiceAccount(host, account.Token, profile);
    }

    // What the kubelet is handed is never stored: there is no store in kubelet mode.
    public bool Supplies(RegistryHost host, string username, Secret secret) => false;
}
