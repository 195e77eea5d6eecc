namespace Ibmtp.IntegrationTests;

/// <summary>CredentialProviderRequests as the kubelet writes them on the provider's stdin.</summary>
public static class KubeletRequests
{
    /// <summary>An image in ICR's us.icr.io, without a service account token.</summary>
    public const string ForAnImageInUsIcr =
        """{"apiVersion":"credentialprovider.kubelet.k8s.io/v1","kind":"CredentialProviderRequest","image":"us.icr.io/team/app:1"}""";
}
