using Ibmtp.Secrets;

namespace Ibmtp.Credentials;

/// <summary>The pod's service account as the kubelet hands it over: a token for the <c>iam</c> audience and the account's annotations.</summary>
public sealed record ServiceAccount(Secret Token, IReadOnlyDictionary<string, string>? Annotations);
