using System.Text.Json;
using IiifHarvester.Iiif.Model;
using IiifHarvester.Iiif.Search;

namespace IiifHarvester.Iiif.Parsing;

/// <summary>Reads autocomplete responses: Content Search 1.0 <c>search:TermList</c> (§4.2) and 2.0 <c>TermPage</c> (§4.2).</summary>
internal static class TermListReader
{
    public static TermList Read(JsonElement root, ReadContext context)
    {
        var terms = new List<SearchTerm>();
        if (Json.TryGet(root, "terms"u8, "items"u8, out var list))
        {
            var index = 0;
            foreach (var item in Json.Many(list))
            {
                using var scope = context.Enter("terms", index++);
                var value = Json.String(item, "match"u8) ?? Json.String(item, "value"u8);
                if (value is null)
                {
                    context.Warn("term-without-value", "a term has no match/value; skipped");
                    continue;
                }

                string? searchUrl = Json.String(item, "url"u8) ?? Json.String(item, "search"u8);
                if (searchUrl is null && Json.TryGet(item, "service"u8, out var service))
                {
                    searchUrl = Json.Id(Json.First(service));
                }

                terms.Add(new SearchTerm
                {
                    Value = value,
                    SearchUrl = searchUrl is null ? null : context.Resolve(searchUrl),
                    Count = Json.Int(item, "count"u8, context) ?? Json.Int(item, "total"u8, context),
                    Label = LanguageMapReader.Read(item, "label"u8, "label", context),
                    Language = Json.String(item, "language"u8) is { } l ? LanguageTags.Normalize(l) : null,
                });
            }
        }

        var ignored = new List<string>();
        if (Json.TryGet(root, "ignored"u8, out var ig))
        {
            foreach (var item in Json.Many(ig))
            {
                if (item.ValueKind == JsonValueKind.String && Json.NonEmpty(item.GetString()) is { } s)
                {
                    ignored.Add(s);
                }
            }
        }

        return new TermList { Id = context.DocumentId, Version = IiifVersion.Unknown, Contexts = context.Contexts, Terms = terms, Ignored = ignored };
    }
}
