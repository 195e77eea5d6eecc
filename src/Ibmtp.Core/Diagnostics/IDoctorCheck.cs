using Ibmtp.Hosts;

namespace Ibmtp.Diagnostics;

/// <summary>
/// A check of something <c>get</c> does not depend on but a push may trip over, such as a client's
/// auth file: its problems are flagged, and never change whether <c>get</c> would succeed.
/// </summary>
public interface IDoctorCheck
{
    /// <summary>Adds what it finds to <paramref name="facts"/>.</summary>
    void Run(RegistryHost host, FactSheet facts);
}
