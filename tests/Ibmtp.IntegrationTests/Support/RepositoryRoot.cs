namespace Ibmtp.IntegrationTests;

/// <summary>The checkout these tests run from: the nearest directory above them holding the solution.</summary>
public static class RepositoryRoot
{
    private const string SolutionFile = "CredentialHelper.sln";

    public static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, SolutionFile)))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no {SolutionFile} above {AppContext.BaseDirectory}");
    }
}
