namespace Ibmtp.IntegrationTests;

/// <summary>Why the kubelet drops a provider's answer and pulls without its credentials: what the kubelet would log.</summary>
public sealed class KubeletRejection(string reason) : Exception(reason);
