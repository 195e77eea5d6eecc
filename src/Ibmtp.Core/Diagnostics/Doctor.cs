using Ibmtp.Composition;
using Ibmtp.Hosts;
using Ibmtp.Platform;

namespace Ibmtp.Diagnostics;

/// <summary>
/// Works out, for one host, everything a failed push comes down to, by running each check in turn
/// and collecting their facts. It never shows a secret.
/// </summary>
public sealed class Doctor(HelperContext context, HelperServices services, KubeletSetup? kubelet = null)
{
    /// <summary>The steps <c>get</c> takes for a host, in its order: a host it serves, then credentials for it.</summary>
    private readonly IGetStepCheck[] _getSteps = [new HostCheck(services.Settings), new CredentialsCheck(context, services)];

    /// <summary>What <c>get</c> does not depend on but a push may trip over, in the order shown.</summary>
    private readonly IDoctorCheck[] _otherChecks =
    [
        new HelperFilesCheck(services),
        new ClientFilesCheck(context, services.Paths),
        new DockerAuthConfigCheck(context.Environment),
        new KubeletConfigCheck(kubelet),
        new KubeletMatchImagesCheck(kubelet),
        new KubeletTokenAttributesCheck(kubelet),
        new KubeletProviderFileCheck(kubelet),
        new KubeletAnswerCheck(kubelet, context.Environment),
    ];

    public DoctorReport Examine(string address)
    {
        if (!RegistryHost.TryParse(address, out var host))
            throw new HelperException($"'{address}' is not a registry host such as us.icr.io");
        var facts = new FactSheet();
        var getWouldSucceed = RunUntilOneFails(_getSteps, host, facts);
        foreach (var check in _otherChecks)
            check.Run(host, facts);
        return new DoctorReport(host.ToString(), getWouldSucceed, facts.Facts);
    }

    /// <summary>
    /// <c>get</c> stops at the first step that fails (for a host not served it never looks for
    /// credentials), so the steps after it are not examined: they would describe what <c>get</c> never does.
    /// </summary>
    private static bool RunUntilOneFails(IEnumerable<IGetStepCheck> steps, RegistryHost host, FactSheet facts)
    {
        foreach (var step in steps)
        {
            if (!step.Run(host, facts))
                return false;
        }
        return true;
    }
}
