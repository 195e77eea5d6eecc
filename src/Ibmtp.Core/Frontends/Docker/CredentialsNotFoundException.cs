namespace Ibmtp.Frontends.Docker;

/// <summary>Clients read this outcome as "carry on anonymously", so it is only for a true miss.</summary>
public sealed class CredentialsNotFoundException() : HelperException(DockerMessages.CredentialsNotFound);
