using System.Text.Json.Nodes;

namespace IiifHarvester.Web.Tests.Search;

/// <summary>Property paths of JSON documents (arrays flattened), to compare shapes with the corpus.</summary>
public static class JsonShapes
{
    public static HashSet<string> Paths(JsonNode? node, string prefix = "")
    {
        var paths = new HashSet<string>(StringComparer.Ordinal);
        Collect(node, prefix, paths);
        return paths;
    }

    public static string CorpusDirectory(string folder)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "IiifHarvester.sln")))
        {
            directory = directory.Parent;
        }

        return Path.GetFullPath(Path.Combine(directory!.FullName, "..", "shared", "corpus", folder));
    }

    public static HashSet<string> CorpusPaths(string folder, params string[] files)
    {
        var paths = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            paths.UnionWith(Paths(JsonNode.Parse(File.ReadAllText(Path.Combine(CorpusDirectory(folder), file)))));
        }

        return paths;
    }

    private static void Collect(JsonNode? node, string prefix, HashSet<string> paths)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj)
                {
                    var path = prefix.Length == 0 ? name : prefix + "." + name;
                    paths.Add(path);
                    Collect(value, path, paths);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Collect(item, prefix, paths);
                }

                break;
        }
    }
}
