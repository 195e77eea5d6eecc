using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// The memory goal of the published binary's start-up: every `get` path, and the kubelet provider's
/// answer, peaks at no more resident memory than `docker-credential-ecr-login get` (Debian's Go helper)
/// on a host it does not serve. A stale start-up order (src/Ibmtp.Helper/startup-order.txt), or work
/// a path sets up and does not use, fails here first; bench/startup.sh measures the time as well.
/// </summary>
[TestFixture]
public sealed class StartupFootprintTests : IamEmulatorFixture
{
    private const int Runs = 5;
    private const string KubeletRequest =
        """{"apiVersion":"credentialprovider.kubelet.k8s.io/v1","kind":"CredentialProviderRequest","image":"us.icr.io/team/app:1"}""";

    [Test]
    public async Task Every_get_path_peaks_at_no_more_memory_than_ECR_login()
    {
        var ecrLogin = Peers.Require("docker-credential-ecr-login");
        var helper = Path.Combine(Home.BinDirectory, HelperBinary.FileName);
        var stored = await Helper.StoreAsync(Registry, IamWorld.Builder.Id, World.BuilderApiKey);
        Assert.That(stored.ExitCode, Is.Zero, stored.ToString());

        var baseline = await MedianPeakAsync(ecrLogin, "get", Registry, expectedExit: 1);
        var peaks = new Dictionary<string, double>
        {
            ["host not served"] = await MedianPeakAsync(helper, "get", "docker.io", expectedExit: 1),
            ["keystore entry"] = await MedianPeakAsync(helper, "get", Registry),
        };
        Set(("IBMTP_API_KEY", World.BuilderApiKey), ("IBMTP_PROFILE_ID", IamWorld.Builder.Id));
        peaks["API key from the environment"] = await MedianPeakAsync(helper, "get", Registry);
        UseTokenMode();
        var cold = await GetAsync();
        Assert.That(cold.ExitCode, Is.Zero, cold.ToString());
        peaks["token mode served from the cache"] = await MedianPeakAsync(helper, "get", Registry);
        peaks["kubelet provider served from the cache"] = await MedianPeakAsync(helper, "kubelet", KubeletRequest);

        Assert.Multiple(() =>
        {
            foreach (var (path, peak) in peaks)
                Assert.That(peak, Is.LessThanOrEqualTo(baseline), $"{path}: {peak:0.0} MiB against ecr-login's {baseline:0.0} MiB");
        });
    }

    private async Task<double> MedianPeakAsync(string executable, string action, string input, int expectedExit = 0)
    {
        var peaks = new List<double>();
        for (var run = 0; run < Runs; run++)
        {
            var measured = await MeasuredGet.RunAsync(Home, executable, action, input);
            Assert.That(measured.Result.ExitCode, Is.EqualTo(expectedExit), measured.ToString());
            peaks.Add(measured.PeakResidentMegabytes);
        }
        peaks.Sort();
        return peaks[Runs / 2];
    }
}
