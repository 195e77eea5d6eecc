using System.CommandLine;
using System.CommandLine.Help;
using System.Text.Json;
using Ibmtp.Composition;
using Ibmtp.Diagnostics;
using Ibmtp.Frontends.Kubelet;
using Ibmtp.Platform;

namespace Ibmtp.Commands;

/// <summary><c>doctor [host]</c>: why a push to the host would fail, one fact per line; exit 0 when <c>get</c> would succeed.</summary>
public static class DoctorCommand
{
    private const string DefaultHost = "us.icr.io";

    private static readonly Argument<string> HostArgument = new("host") { Description = "the registry to examine", DefaultValueFactory = _ => DefaultHost };
    private static readonly Option<bool> JsonOption = new("--json") { Description = "the same facts as JSON, for scripts" };

    private static readonly Option<string?> KubeletOption = new("--kubelet")
    {
        Description = $"also check the kubelet's credential provider set-up: this config file or folder (the kubelet's --image-credential-provider-config), else the first of {string.Join(", ", KubeletSetup.DefaultConfigPaths)}; exit 0 only when it has no problem",
        Arity = ArgumentArity.ZeroOrOne,
        HelpName = "config",
    };

    private static readonly Option<string?> BinDirOption = new("--image-credential-provider-bin-dir")
    {
        Description = $"with --kubelet: the folder the kubelet runs providers from, else the first of {string.Join(", ", KubeletSetup.DefaultBinDirs)} that holds it",
        HelpName = "dir",
    };

    private static readonly Option<string?> ImageOption = new("--image")
    {
        Description = "with --kubelet: the image to ask the provider about (default: <host>/namespace/app)",
    };

    public static int Run(HelperContext context, IReadOnlyList<string> args)
    {
        var command = new System.CommandLine.Command("doctor", "Explains what docker-credential-ibmtp would answer for a host, and why.")
        {
            HostArgument, JsonOption, KubeletOption, BinDirOption, ImageOption, new HelpOption(),
        };
        // Both say what to ask the kubelet's provider; without --kubelet, --image would only change the host examined.
        command.Validators.Add(result =>
        {
            foreach (var option in new Option[] { ImageOption, BinDirOption })
            {
                if (result.GetResult(option) is not null && result.GetResult(KubeletOption) is null)
                    result.AddError($"{option.Name} means something only with --kubelet: add --kubelet, or name the host alone");
            }
        });
        var person = new PersonCommand(context, "doctor");
        return person.Parse(command, args, out var parsed) ?? person.Run(() =>
        {
            using var services = HelperServices.Create(context);
            var image = parsed.GetValue(ImageOption);
            var host = image is null ? parsed.GetValue(HostArgument)! : ImageReference.Registry(image);
            var kubelet = parsed.GetResult(KubeletOption) is null ? null
                : new KubeletSetup(parsed.GetValue(KubeletOption), parsed.GetValue(BinDirOption), image ?? $"{host}/namespace/app");
            var report = new Doctor(context, services, kubelet).Examine(host);
            var kubeletProblems = report.Facts.Count(fact => fact.Problem && fact.Name.StartsWith(KubeletSetup.FactPrefix, StringComparison.Ordinal));
            if (parsed.GetValue(JsonOption))
            {
                person.Say(JsonSerializer.Serialize(report, DoctorJsonContext.Default.DoctorReport));
            }
            else
            {
                var width = report.Facts.Max(fact => fact.Name.Length) + 2;
                foreach (var fact in report.Facts)
                    person.Say($"{(fact.Problem ? "!" : " ")} {(fact.Name + ":").PadRight(width)}{fact.Value}");
                person.Say(report.GetWouldSucceed ? $"get {report.Host} would succeed" : $"get {report.Host} would not return credentials");
                if (kubelet is not null)
                    person.Say(kubeletProblems == 0 ? "the kubelet's provider set-up has no problem" : $"the kubelet's provider set-up has {kubeletProblems} problem{(kubeletProblems == 1 ? "" : "s")} (lines with !)");
            }
            // With --kubelet the question is the node's set-up, which the kubelet runs with its own environment, not this shell's.
            if (kubelet is not null)
                return kubeletProblems == 0 ? 0 : 1;
            return report.GetWouldSucceed ? 0 : 1;
        });
    }
}
