using System.Text.Json;
using Ibmtp.CommandLine;
using Ibmtp.Composition;
using Ibmtp.Diagnostics;
using Ibmtp.Frontends.Kubelet;
using Ibmtp.Platform;

namespace Ibmtp.Commands;

/// <summary><c>doctor [host]</c>: why a push to the host would fail, one fact per line; exit 0 when <c>get</c> would succeed.</summary>
public static class DoctorCommand
{
    private const string DefaultHost = "us.icr.io";

    private static readonly CommandOption JsonOption = new("--json", "the same facts as JSON, for scripts");

    private static readonly CommandOption KubeletOption = new("--kubelet",
        $"also check the kubelet's credential provider set-up: this config file or folder (the kubelet's --image-credential-provider-config), else the first of {string.Join(", ", KubeletSetup.DefaultConfigPaths)}; exit 0 only when it has no problem",
        OptionValue.Optional, "config");

    private static readonly CommandOption BinDirOption = new("--image-credential-provider-bin-dir",
        $"with --kubelet: the folder the kubelet runs providers from, else the first of {string.Join(", ", KubeletSetup.DefaultBinDirs)} that holds it",
        OptionValue.Required, "dir");

    private static readonly CommandOption ImageOption = new("--image", "with --kubelet: the image to ask the provider about (default: <host>/namespace/app)", OptionValue.Required);

    private static readonly CommandSyntax Syntax = new("doctor", "Explains what docker-credential-ibmtp would answer for a host, and why.", [JsonOption, KubeletOption, BinDirOption, ImageOption])
    {
        Argument = new("host", "the registry to examine", DefaultHost),
    };

    public static int Run(HelperContext context, IReadOnlyList<string> args)
    {
        var person = new PersonCommand(context, "doctor");
        if (person.Parse(Syntax, args, out var parsed) is { } answered)
            return answered;
        // Both say what to ask the kubelet's provider; without --kubelet, --image would only change the host examined.
        foreach (var option in new[] { ImageOption, BinDirOption })
        {
            if (parsed.Has(option) && !parsed.Has(KubeletOption))
                return person.UsageError($"{option.Name} means something only with --kubelet: add --kubelet, or name the host alone");
        }
        return person.Run(() =>
        {
            using var services = HelperServices.Create(context);
            var image = parsed.Value(ImageOption);
            var host = image is null ? parsed.Argument! : ImageReference.Registry(image);
            var kubelet = !parsed.Has(KubeletOption) ? null
                : new KubeletSetup(parsed.Value(KubeletOption), parsed.Value(BinDirOption), image ?? $"{host}/namespace/app");
            var report = new Doctor(context, services, kubelet).Examine(host);
            var kubeletProblems = report.Facts.Count(fact => fact.Problem && fact.Name.StartsWith(KubeletSetup.FactPrefix, StringComparison.Ordinal));
            if (parsed.Has(JsonOption))
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
