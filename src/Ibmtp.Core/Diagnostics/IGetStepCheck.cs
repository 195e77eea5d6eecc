using Ibmtp.Hosts;

namespace Ibmtp.Diagnostics;

/// <summary>
/// A check of one step <c>get</c> takes for a host, such as whether the host is served: when the
/// step fails, <c>get</c> answers without credentials.
/// </summary>
public interface IGetStepCheck
{
    /// <summary>Adds what it finds to <paramref name="facts"/>.</summary>
    /// <returns>Whether <c>get</c> gets past this step.</returns>
    bool Run(RegistryHost host, FactSheet facts);
}
