using Ibmtp.Secrets;

namespace Ibmtp.Credentials;

/// <summary>What a registry gets: a username and secret, where they came from, and, for a token, how long it lasts.</summary>
/// <param name="Origin">Where the login came from, for the one log line of each call (e.g. "environment (apikey)").</param>
/// <param name="ExpiresAt">When a token stops working; null for an API key or a stored password.</param>
/// <param name="RenewAt">The last moment the token cache hands the token out before it renews it; null when there is no token.</param>
public sealed record Login(string Username, Secret Secret, string Origin, DateTimeOffset? ExpiresAt = null, DateTimeOffset? RenewAt = null);
