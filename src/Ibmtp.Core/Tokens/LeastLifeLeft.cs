using System.Runtime.CompilerServices;

namespace Ibmtp.Tokens;

/// <summary>
/// How much life a token must have left when it is handed to a client: 15 minutes, or half its
/// lifetime when IAM granted less than 30 minutes in all. The cache renews a token at that point, and
/// the kubelet is told to keep its answer no longer.
/// </summary>
/// <remarks>
/// A client keeps a helper's answer after it asks: BuildKit and buildx for about 10 minutes, through
/// pushes that run longer (docker/buildx#3977, moby/buildkit#5712), and the kubelet for the cache
/// duration it is given. Accounts may set IAM access tokens to live under 60 minutes, so a share of
/// the lifetime (IBM's SDKs renew at 80%) could hand out a token with 3 minutes left. Half the lifetime
/// is the most a short-lived token can promise while still being handed out when it is new.
/// </remarks>
public static class LeastLifeLeft
{
    /// <summary>What every token of 30 minutes or more keeps when it is handed out.</summary>
    public static TimeSpan Floor => new(15 * TimeSpan.TicksPerMinute);

    // Every cached get runs this: inlined, it costs no call and no page of code of its own at start-up.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TimeSpan For(TimeSpan lifetime) => lifetime.Ticks < 2 * Floor.Ticks ? new(lifetime.Ticks / 2) : Floor;
}
