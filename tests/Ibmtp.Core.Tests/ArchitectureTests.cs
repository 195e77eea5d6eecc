using System.Reflection;
using System.Text.RegularExpressions;
using Ibmtp.Logging;
using Ibmtp.Tests.Support;

namespace Ibmtp.Tests;

/// <summary>
/// The layout docs/architecture.md describes: each folder of the core is a namespace, and
/// dependencies between them point one way. A cycle means a folder no longer names one layer.
/// </summary>
[TestFixture]
public partial class ArchitectureTests
{
    private static readonly string CoreFolder = RepositoryFiles.Path("src", "Ibmtp.Core");

    [Test]
    public void Dependencies_between_the_cores_folders_have_no_cycle()
    {
        var dependencies = NamespaceDependencies();

        var cycle = FindCycle(dependencies);

        Assert.That(cycle, Is.Null, $"cycle: {string.Join(" -> ", cycle ?? [])}");
    }

    [Test]
    public void The_root_namespace_depends_on_no_folder()
    {
        Assert.That(NamespaceDependencies()["Ibmtp"], Is.Empty);
    }

    [Test]
    public void The_core_never_reads_the_process_environment_or_the_console()
    {
        var offenders = CoreSources().Where(file => ProcessAccess().IsMatch(File.ReadAllText(file))).ToArray();

        Assert.That(offenders, Is.Empty, "the core is reached through HelperContext, so tests can run it with fakes");
    }

    [Test]
    public void The_core_logs_through_the_sealed_UntracedLogger_never_through_Serilogs_own_loggers()
    {
        const BindingFlags declared = BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
        var offenders = typeof(HelperInfo).Assembly.GetTypes()
            .Where(type => type != typeof(UntracedLogger))
            .SelectMany(type => type.GetFields(declared).Select(field => (Member: $"{type}.{field.Name}", Type: field.FieldType))
                .Concat(type.GetProperties(declared).Select(property => (Member: $"{type}.{property.Name}", Type: property.PropertyType)))
                .Concat(type.GetConstructors(declared).Cast<MethodBase>().Concat(type.GetMethods(declared))
                    .SelectMany(method => method.GetParameters().Select(parameter => (Member: $"{type}.{method.Name}({parameter.Name})", Type: parameter.ParameterType)))))
            .Where(member => member.Type == typeof(Serilog.ILogger) || member.Type == typeof(Serilog.Core.Logger))
            .Select(member => member.Member)
            .ToArray();

        Assert.That(offenders, Is.Empty,
            "through ILogger, Information<T0, T1> and the like are generic virtual methods, which the native binary resolves at run time " +
            "(about 150,000 instructions, 4% of a `get`, the first time each is called); Serilog's Logger reads Activity.Current for every event, " +
            "whose first read draws a GUID from /dev/urandom; on the sealed UntracedLogger calls are direct and read no activity");
    }

    private static IEnumerable<string> CoreSources() =>
        Directory.EnumerateFiles(CoreFolder, "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    /// <summary>Each namespace of the core, and the other core namespaces its files name in usings or in full.</summary>
    private static Dictionary<string, HashSet<string>> NamespaceDependencies()
    {
        var sources = CoreSources().Select(File.ReadAllText).ToArray();
        var dependencies = sources.Select(text => FileNamespace().Match(text).Groups["name"].Value).Distinct().ToDictionary(name => name, _ => new HashSet<string>());
        foreach (var text in sources)
        {
            var own = FileNamespace().Match(text).Groups["name"].Value;
            var body = FileNamespace().Replace(text, "");
            foreach (Match reference in DottedName().Matches(body))
            {
                // The longest known namespace the name starts with: "Ibmtp.Keystores.EncryptedFile.FileKeystore" uses Ibmtp.Keystores.EncryptedFile.
                var used = dependencies.Keys.Where(name => name != "Ibmtp" && (reference.Value == name || reference.Value.StartsWith(name + ".", StringComparison.Ordinal)))
                    .MaxBy(name => name.Length);
                if (used is not null && used != own)
                    dependencies[own].Add(used);
            }
        }
        // A nested namespace sees its parent's types without a using, so it depends on its parent all the same.
        foreach (var name in dependencies.Keys.Where(name => name.Count(c => c == '.') > 1))
        {
            var parent = name[..name.LastIndexOf('.')];
            if (dependencies.ContainsKey(parent))
                dependencies[name].Add(parent);
        }
        return dependencies;
    }

    private static List<string>? FindCycle(Dictionary<string, HashSet<string>> dependencies)
    {
        var finished = new HashSet<string>();
        var path = new List<string>();

        List<string>? Visit(string name)
        {
            if (path.Contains(name))
                return [.. path.SkipWhile(step => step != name), name];
            if (!finished.Add(name))
                return null;
            path.Add(name);
            foreach (var next in dependencies.GetValueOrDefault(name) ?? [])
            {
                if (Visit(next) is { } cycle)
                    return cycle;
            }
            path.RemoveAt(path.Count - 1);
            return null;
        }

        return dependencies.Keys.Select(Visit).FirstOrDefault(cycle => cycle is not null);
    }

    [GeneratedRegex(@"^namespace (?<name>Ibmtp(\.\w+)*);", RegexOptions.Multiline)]
    private static partial Regex FileNamespace();

    // "using Ibmtp.Tokens;" or a name written in full such as "Ibmtp.Tokens.IamToken"; types of the root namespace need no using.
    [GeneratedRegex(@"\bIbmtp(\.\w+)+")]
    private static partial Regex DottedName();

    [GeneratedRegex(@"\bConsole\.|Environment\.GetEnvironmentVariable")]
    private static partial Regex ProcessAccess();
}
