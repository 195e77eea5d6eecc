namespace Ibmtp.Tests.Support;

/// <summary>Files of this repository, for tests that hold the docs and the layout to the code.</summary>
public static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "CredentialHelper.sln")))
                return folder.FullName;
        }
        throw new InvalidOperationException("the tests run outside the repository: CredentialHelper.sln not found above " + TestContext.CurrentContext.TestDirectory);
    }
}
