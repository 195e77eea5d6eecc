namespace Ibmtp.IntegrationTests;

/// <summary>One registry login in a provider's response, as the kubelet hands it to the container runtime.</summary>
public sealed record KubeletAuthConfig(string Username, string Password);
