using System.Text.RegularExpressions;

namespace Ibmtp.Tests.Support;

/// <summary>The README's tables, for tests that hold them to the tables in the code.</summary>
public static class Readme
{
    /// <summary>The body rows of the first table under the heading <c>## <paramref name="heading"/></c>, as written.</summary>
    public static string[] TableRows(string heading)
    {
        var readme = File.ReadAllText(RepositoryFiles.Path("README.md"));
        var section = Regex.Match(readme, $@"^## {Regex.Escape(heading)}\n(?<body>.*?)(?=^## )", RegexOptions.Multiline | RegexOptions.Singleline);
        Assert.That(section.Success, $"the README has no section \"## {heading}\"");
        return section.Groups["body"].Value.Split('\n')
            .SkipWhile(line => !line.StartsWith("|---", StringComparison.Ordinal)).Skip(1)
            .TakeWhile(line => line.StartsWith('|')).ToArray();
    }

    /// <summary>A row's first <paramref name="count"/> cells, as "| a | b |", for tables whose other columns only the README has.</summary>
    public static string LeadingCells(string row, int count) =>
        $"| {string.Join(" | ", row.Split('|')[1..(count + 1)].Select(cell => cell.Trim()))} |";
}
