namespace IiifHarvester.Iiif.Tests.Ocr;

/// <summary>Small hand-written OCR files (ALTO and hOCR) with known coordinates: a 2000x3000 page.</summary>
internal static class OcrSamples
{
    public static string Alto(string ns, string unit, bool pageSize = true) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <alto xmlns="{ns}">
          <Description><MeasurementUnit>{unit}</MeasurementUnit></Description>
          <Layout>
            <Page ID="P1" {(pageSize ? "WIDTH=\"2000\" HEIGHT=\"3000\"" : string.Empty)} PHYSICAL_IMG_NR="1">
              <PrintSpace>
                <TextBlock ID="B1" LANG="ger">
                  <TextLine ID="L1" HPOS="100" VPOS="200" WIDTH="800" HEIGHT="50">
                    <String CONTENT="Wunder" HPOS="100" VPOS="200" WIDTH="300" HEIGHT="50"/>
                    <SP/>
                    <String CONTENT="der" HPOS="450" VPOS="200" WIDTH="150" HEIGHT="50"/>
                    <SP/>
                    <String CONTENT="Verer" HPOS="650" VPOS="200" WIDTH="250" HEIGHT="50"/>
                    <HYP CONTENT="-"/>
                  </TextLine>
                  <TextLine ID="L2" HPOS="100" VPOS="300" WIDTH="500" HEIGHT="50" LANG="en">
                    <String CONTENT="bung &amp; Co" HPOS="100" VPOS="300" WIDTH="500" HEIGHT="50"/>
                  </TextLine>
                  <TextLine ID="L3" HPOS="0" VPOS="0" WIDTH="0" HEIGHT="0"/>
                </TextBlock>
              </PrintSpace>
            </Page>
          </Layout>
        </alto>
        """;

    public static string Hocr() => """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>p</title></head><body>
        <div class="ocr_page" title="image x.tif; bbox 0 0 2000 3000; ppageno 0">
          <div class="ocr_carea"><p class="ocr_par" lang="fr">
            <span class="ocr_line" title="bbox 100 200 900 250; baseline 0 -5">
              <span class="ocrx_word" title="bbox 100 200 400 250; x_wconf 93">Bonjour</span>
              <span class="ocrx_word" title="bbox 450 200 900 250; x_wconf 90">monde&amp;co</span>
            </span>
            <span class="ocr_line" title="bbox 100 300 600 350"><span class="ocrx_word" title="bbox 100 300 600 350">Deux</span></span>
          </p></div>
        </div></body></html>
        """;
}
