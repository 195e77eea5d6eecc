using Ibmtp.Tokens;

namespace Ibmtp.Credentials;

/// <summary>What the machine's own credentials would give a host, worked out before anything is sent: <c>get</c> carries it out, <c>doctor</c> describes it.</summary>
public abstract record CredentialPlan;

/// <summary>The API key itself, handed to the registry with <paramref name="Username"/> (the profile ID, or iamapikey).</summary>
public sealed record PassThroughPlan(SourcedSecret ApiKey, string Username) : CredentialPlan;

/// <summary>A trusted profile's IAM token, obtained by <paramref name="Exchange"/> from <paramref name="Credential"/> (none for the VPC instance identity).</summary>
public sealed record TokenPlan(ITokenExchange Exchange, SourcedSecret? Credential) : CredentialPlan;
