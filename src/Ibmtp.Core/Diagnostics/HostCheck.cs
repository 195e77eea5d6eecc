using Ibmtp.Configuration;
using Ibmtp.Hosts;

namespace Ibmtp.Diagnostics;

/// <summary>Whether the helper serves the host: ICR hosts always, others when opted in; for any other host <c>get</c> answers not found.</summary>
public sealed class HostCheck(HelperSettings settings) : IGetStepCheck
{
    public bool Run(RegistryHost host, FactSheet facts)
    {
        facts.Add("host", host.ToString());
        if (settings.ServedHosts.Problem is { } problem)
            return facts.Fail("served", problem);
        if (ServedHosts.IsIbmRegistry(host))
            facts.Add("served", "yes: an IBM Cloud Container Registry host");
        else if (settings.ServedHosts.Value.Serves(host))
            facts.Add("served", $"yes: opted in ({settings.ServedHosts.Origin})");
        else
            return facts.Fail("served", $"no: not an ICR host, so get answers not found; opt it in with {SettingsTable.Registries.Variable}={host} or registries in the config file");
        return true;
    }
}
