using System.CommandLine;
using System.CommandLine.Help;
using System.Text.Json;
using Ibmtp.Composition;
using Ibmtp.Diagnostics;
using Ibmtp.Platform;

namespace Ibmtp.Commands;

/// <summary><c>doctor [host]</c>: why a push to the host would fail, one fact per line; exit 0 when <c>get</c> would succeed.</summary>
public static class DoctorCommand
{
    private const string DefaultHost = "us.icr.io";

    private static readonly Argument<string> HostArgument = new("host") { Description = "the registry to examine", DefaultValueFactory = _ => DefaultHost };
    private static readonly Option<bool> JsonOption = new("--json") { Description = "the same facts as JSON, for scripts" };

    public static int Run(HelperContext context, IReadOnlyList<string> args)
    {
        var command = new System.CommandLine.Command("doctor", "Explains what docker-credential-ibmtp would answer for a host, and why.")
        {
            HostArgument, JsonOption, new HelpOption(),
        };
        var person = new PersonCommand(context, "doctor");
        return person.Parse(command, args, out var parsed) ?? person.Run(() =>
        {
            using var services = HelperServices.Create(context);
            var report = new Doctor(context, services).Examine(parsed.GetValue(HostArgument)!);
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
            }
            return report.GetWouldSucceed ? 0 : 1;
        });
    }
}
