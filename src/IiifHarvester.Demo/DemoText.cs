namespace IiifHarvester.Demo;

/// <summary>The words and lines a demo institution's documents are made of: Latin-script with diacritics, Chinese and Japanese.</summary>
internal static class DemoText
{
    public static readonly string[] LatinWords =
    [
        "abbey", "charter", "parchment", "illuminated", "psalter", "vellum", "scribe", "monastery", "chronicle", "gospel",
        "harvest", "river", "castle", "bishop", "merchant", "ledger", "voyage", "lighthouse", "orchard", "cathedral",
        "manuscript", "marginalia", "rubric", "quire", "folio", "binding", "seal", "witness", "granted", "lands",
        "würzburg", "café", "façade", "señor", "naïve", "Ålesund", "Kraków", "Mühle", "élève", "château",
        "regis", "anno", "domini", "sanctus", "liber", "terra", "aqua", "lux", "rex", "pax",
    ];

    public static readonly string[] ChineseLines =
    [
        "春眠不觉晓处处闻啼鸟", "夜来风雨声花落知多少", "床前明月光疑是地上霜", "举头望明月低头思故乡",
        "白日依山尽黄河入海流", "欲穷千里目更上一层楼", "千山鸟飞绝万径人踪灭", "孤舟蓑笠翁独钓寒江雪",
    ];

    public static readonly string[] JapaneseLines =
    [
        "古池や蛙飛び込む水の音", "閑さや岩にしみ入る蝉の声", "夏草や兵どもが夢の跡", "五月雨をあつめて早し最上川",
        "東京国立博物館所蔵の絵巻物", "源氏物語の写本を翻刻する", "江戸時代の地図と古文書", "京都の寺院に伝わる経典",
    ];

    public static readonly string[] Subjects = ["Manuscripts", "Maps", "Letters", "Photographs", "Charters", "Newspapers", "Prints", "Scrolls"];

    public static readonly string[] Places = ["York", "Aberystwyth", "Leiden", "München", "Kyoto", "Beijing", "Kraków", "Lyon"];

    /// <summary>A transcription line for canvas <paramref name="canvas"/> line <paramref name="line"/> of manifest <paramref name="manifest"/>.</summary>
    public static string Line(int seed, int manifest, int canvas, int line, int revision)
    {
        var script = ScriptOf(manifest);
        var random = new Random(DemoSeed.Of(seed, manifest, canvas, line));
        var text = script switch
        {
            Script.Chinese => ChineseLines[random.Next(ChineseLines.Length)],
            Script.Japanese => JapaneseLines[random.Next(JapaneseLines.Length)],
            _ => string.Join(' ', Enumerable.Range(0, 6 + random.Next(5)).Select(_ => LatinWords[random.Next(LatinWords.Length)])),
        };

        // Every manifest's first line names it, so a test can find exactly one manifest by a word.
        if (canvas == 0 && line == 0)
        {
            text = $"{Marker(manifest)} {text}";
        }

        return revision > 0 && line == 0 ? $"{text} revised{revision}" : text;
    }

    /// <summary>A word that occurs in manifest <paramref name="manifest"/> alone (first line of its first canvas).</summary>
    public static string Marker(int manifest) => "item" + manifest.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The script of a manifest's transcriptions: one in ten Chinese, one in ten Japanese, the rest Latin.</summary>
    public static Script ScriptOf(int manifest) => (manifest % 10) switch
    {
        4 => Script.Chinese,
        8 => Script.Japanese,
        _ => Script.Latin,
    };

    internal enum Script
    {
        Latin,
        Chinese,
        Japanese,
    }
}
