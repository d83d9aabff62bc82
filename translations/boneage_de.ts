<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE" sourcelanguage="en">
<context>
    <name>AgeText</name>
    <message>
        <source>%1 y %2 m</source>
        <comment>age: years and months</comment>
        <translation>%1 J. %2 Mon.</translation>
    </message>
</context>
<context>
    <name>BoneAgeReport</name>
    <message>
        <source>%1 months (%2)</source>
        <translation>%1 Monate (%2)</translation>
    </message>
    <message>
        <source>male</source>
        <translation>männlich</translation>
    </message>
    <message>
        <source>female</source>
        <translation>weiblich</translation>
    </message>
    <message>
        <source>not recorded</source>
        <translation>nicht erfasst</translation>
    </message>
    <message>
        <source>delayed (below -2 SD)</source>
        <translation>verzögert (unter -2 SD)</translation>
    </message>
    <message>
        <source>advanced (above +2 SD)</source>
        <translation>beschleunigt (über +2 SD)</translation>
    </message>
    <message>
        <source>within +-2 SD</source>
        <translation>innerhalb ±2 SD</translation>
    </message>
    <message>
        <source>Greulich-Pyle</source>
        <translation>Greulich-Pyle</translation>
    </message>
    <message>
        <source>TW3</source>
        <translation>TW3</translation>
    </message>
    <message>
        <source>other</source>
        <translation>andere</translation>
    </message>
    <message>
        <source>Research software, not a certified medical device. The estimates must be reviewed by a radiologist before any clinical use.</source>
        <translation>Forschungssoftware, kein zertifiziertes Medizinprodukt. Die Schätzungen müssen vor jeder klinischen Verwendung von einer Radiologin oder einem Radiologen geprüft werden.</translation>
    </message>
    <message>
        <source>Bone Age Workstation %1 - report made %2 - research use only, not a medical device</source>
        <translation>Bone Age Workstation %1 - Bericht erstellt %2 - nur für die Forschung, kein Medizinprodukt</translation>
    </message>
    <message>
        <source>page %1</source>
        <translation>Seite %1</translation>
    </message>
    <message>
        <source>Patient and study</source>
        <translation>Patient und Untersuchung</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <source>Patient ID</source>
        <translation>Patienten-ID</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>Geschlecht</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>Geburtsdatum</translation>
    </message>
    <message>
        <source>Study date</source>
        <translation>Untersuchungsdatum</translation>
    </message>
    <message>
        <source>Accession number</source>
        <translation>Auftragsnummer</translation>
    </message>
    <message>
        <source>Study</source>
        <translation>Untersuchung</translation>
    </message>
    <message>
        <source>Chronological age</source>
        <translation>Chronologisches Alter</translation>
    </message>
    <message>
        <source>not known</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>Film</source>
        <translation>Aufnahme</translation>
    </message>
    <message>
        <source>SOP Instance UID</source>
        <translation>SOP Instance UID</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>fitted ensemble of %1 models</source>
        <translation>angepasstes Ensemble aus %1 Modellen</translation>
    </message>
    <message>
        <source>mean of %1 models</source>
        <translation>Mittel aus %1 Modellen</translation>
    </message>
    <message>
        <source>one model</source>
        <translation>ein Modell</translation>
    </message>
    <message>
        <source>Bone age %1</source>
        <translation>Knochenalter %1</translation>
    </message>
    <message>
        <source>Estimate</source>
        <translation>Schätzung</translation>
    </message>
    <message>
        <source>%1 % prediction interval</source>
        <translation>%1-%-Vorhersageintervall</translation>
    </message>
    <message>
        <source>%1 to %2 months (calibrated on held-out films)</source>
        <translation>%1 bis %2 Monate (an zurückgehaltenen Aufnahmen kalibriert)</translation>
    </message>
    <message>
        <source>Interval</source>
        <translation>Intervall</translation>
    </message>
    <message>
        <source>Spread of the models</source>
        <translation>Streuung der Modelle</translation>
    </message>
    <message>
        <source>%1 months</source>
        <translation>%1 Monate</translation>
    </message>
    <message>
        <source>Bone age - chronological age</source>
        <translation>Knochenalter - chronologisches Alter</translation>
    </message>
    <message>
        <source>SDS</source>
        <translation>SDS</translation>
    </message>
    <message>
        <source>%1 (SD %2 months; %3)</source>
        <translation>%1 (SD %2 Monate; %3)</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Referenz</translation>
    </message>
    <message>
        <source>Greulich-Pyle atlas, standard deviations of the Brush Foundation data</source>
        <translation>Greulich-Pyle-Atlas, Standardabweichungen der Daten der Brush Foundation</translation>
    </message>
    <message>
        <source>not computed: %1</source>
        <translation>nicht berechnet: %1</translation>
    </message>
    <message>
        <source>not computed: the chronological age is not known</source>
        <translation>nicht berechnet: das chronologische Alter ist unbekannt</translation>
    </message>
    <message>
        <source>REVIEW REQUIRED: %1</source>
        <translation>PRÜFUNG ERFORDERLICH: %1</translation>
    </message>
    <message>
        <source>Readers&apos; readings</source>
        <translation>Befunde der Leser</translation>
    </message>
    <message>
        <source>No reading recorded for this film.</source>
        <translation>Für diese Aufnahme ist kein Befund erfasst.</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 months from the models</source>
        <translation>%1 Monate von den Modellen entfernt</translation>
    </message>
    <message>
        <source>confidence %1</source>
        <translation>Sicherheit %1</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>Modelle</translation>
    </message>
    <message>
        <source>bone age %1</source>
        <translation>Knochenalter %1</translation>
    </message>
    <message>
        <source>held-out MAE %1 months</source>
        <translation>MAE auf zurückgehaltenen Daten %1 Monate</translation>
    </message>
    <message>
        <source>package %1, weights SHA-256 %2</source>
        <translation>Paket %1, Gewichte SHA-256 %2</translation>
    </message>
    <message>
        <source>%1, confidence %2</source>
        <translation>%1, Sicherheit %2</translation>
    </message>
    <message>
        <source>refined by %1</source>
        <translation>verfeinert durch %1</translation>
    </message>
    <message>
        <source>Hand landmarks</source>
        <translation>Handlandmarken</translation>
    </message>
    <message>
        <source>refused: %1</source>
        <translation>verworfen: %1</translation>
    </message>
    <message>
        <source>Film and atlas</source>
        <translation>Aufnahme und Atlas</translation>
    </message>
    <message>
        <source>18 TW3 ROIs</source>
        <translation>18 TW3-ROIs</translation>
    </message>
    <message>
        <source>hand keypoints</source>
        <translation>Handpunkte</translation>
    </message>
    <message>
        <source>attention (relative)</source>
        <translation>Aufmerksamkeit (relativ)</translation>
    </message>
    <message>
        <source>The film in its default window</source>
        <translation>Die Aufnahme in ihrem Standardfenster</translation>
    </message>
    <message>
        <source>Atlas plate %1 (%2)</source>
        <translation>Atlastafel %1 (%2)</translation>
    </message>
    <message>
        <source>Atlas plate %1: picture missing</source>
        <translation>Atlastafel %1: Bild fehlt</translation>
    </message>
    <message>
        <source>Bone age report</source>
        <translation>Knochenalter-Bericht</translation>
    </message>
    <message>
        <source>Bone age %1 months (%2)</source>
        <translation>Knochenalter %1 Monate (%2)</translation>
    </message>
    <message>
        <source>%1 % interval %2 to %3 months</source>
        <translation>%1-%-Intervall %2 bis %3 Monate</translation>
    </message>
    <message>
        <source>chronological age %1 months</source>
        <translation>chronologisches Alter %1 Monate</translation>
    </message>
    <message>
        <source>difference %1 months, SDS %2 (Greulich-Pyle)</source>
        <translation>Differenz %1 Monate, SDS %2 (Greulich-Pyle)</translation>
    </message>
    <message>
        <source>reading by %1: %2 months</source>
        <translation>Befund von %1: %2 Monate</translation>
    </message>
    <message>
        <source>models: %1</source>
        <translation>Modelle: %1</translation>
    </message>
    <message>
        <source>Research software, not a certified medical device. Must be reviewed by a radiologist.</source>
        <translation>Forschungssoftware, kein zertifiziertes Medizinprodukt. Muss radiologisch geprüft werden.</translation>
    </message>
    <message>
        <source>No atlas plates: %1</source>
        <translation>Keine Atlastafeln: %1</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>%1 (%2 months)</source>
        <translation>%1 (%2 Monate)</translation>
    </message>
</context>
<context>
    <name>RadiographCase</name>
    <message>
        <source>Not assessed</source>
        <translation>Nicht ausgewertet</translation>
    </message>
    <message>
        <source>Assessing…</source>
        <translation>Wird ausgewertet…</translation>
    </message>
    <message>
        <source>Bone age %1</source>
        <translation>Knochenalter %1</translation>
    </message>
    <message>
        <source>Assessed</source>
        <translation>Ausgewertet</translation>
    </message>
    <message>
        <source>Assessment failed</source>
        <translation>Auswertung fehlgeschlagen</translation>
    </message>
    <message>
        <source>Cannot be read</source>
        <translation>Nicht lesbar</translation>
    </message>
    <message>
        <source>birth and study dates</source>
        <translation>Geburts- und Untersuchungsdatum</translation>
    </message>
    <message>
        <source>birth and study dates in the file</source>
        <translation>Geburts- und Untersuchungsdatum in der Datei</translation>
    </message>
    <message>
        <source>Patient&apos;s Age in the file</source>
        <translation>Patientenalter (Patient&apos;s Age) in der Datei</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <comment>headline: reader&apos;s message</comment>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>File not found</source>
        <translation>Datei nicht gefunden</translation>
    </message>
    <message>
        <source>Not a file</source>
        <translation>Keine Datei</translation>
    </message>
    <message>
        <source>The file is empty</source>
        <translation>Die Datei ist leer</translation>
    </message>
    <message>
        <source>The image is too large</source>
        <translation>Das Bild ist zu groß</translation>
    </message>
    <message>
        <source>Not a DICOM, PNG, JPEG, TIFF or JPEG 2000 file</source>
        <translation>Keine DICOM-, PNG-, JPEG-, TIFF- oder JPEG-2000-Datei</translation>
    </message>
    <message>
        <source>The file is damaged</source>
        <translation>Die Datei ist beschädigt</translation>
    </message>
    <message>
        <source>The file is incomplete (truncated)</source>
        <translation>Die Datei ist unvollständig (abgeschnitten)</translation>
    </message>
    <message>
        <source>The DICOM file holds no image</source>
        <translation>Die DICOM-Datei enthält kein Bild</translation>
    </message>
    <message>
        <source>Unsupported DICOM compression (transfer syntax)</source>
        <translation>Nicht unterstützte DICOM-Kompression (Transfer-Syntax)</translation>
    </message>
    <message>
        <source>Unsupported image type (multi-frame, colour or unusual layout)</source>
        <translation>Nicht unterstützter Bildtyp (mehrere Bilder, Farbe oder ungewöhnliches Format)</translation>
    </message>
    <message>
        <source>Not a projection radiograph (wrong modality)</source>
        <translation>Keine Projektionsradiographie (falsche Modalität)</translation>
    </message>
    <message>
        <source>Required data is missing</source>
        <translation>Erforderliche Angaben fehlen</translation>
    </message>
    <message>
        <source>No hand found in the image</source>
        <translation>Im Bild wurde keine Hand gefunden</translation>
    </message>
    <message>
        <source>The file cannot be read</source>
        <translation>Die Datei kann nicht gelesen werden</translation>
    </message>
    <message>
        <source>Review required</source>
        <translation>Prüfung erforderlich</translation>
    </message>
</context>
<context>
    <name>boneage::ui::AnchorLayer</name>
    <message>
        <source>PRSNet anchors</source>
        <translation>PRSNet-Ankerpunkte</translation>
    </message>
    <message>
        <source>part %1: %2</source>
        <translation>Bereich %1: %2</translation>
    </message>
    <message>
        <source>part %1</source>
        <translation>Bereich %1</translation>
    </message>
    <message>
        <source>1st selected part (label: its anchor score)</source>
        <translation>1. ausgewählter Bereich (Beschriftung: sein Anker-Score)</translation>
    </message>
    <message>
        <source>2nd selected part</source>
        <translation>2. ausgewählter Bereich</translation>
    </message>
    <message>
        <source>3rd selected part</source>
        <translation>3. ausgewählter Bereich</translation>
    </message>
    <message>
        <source>No installed PRSNet model</source>
        <translation>Kein PRSNet-Modell installiert</translation>
    </message>
    <message>
        <source>Assess the film with a PRSNet model to see its selected anchors</source>
        <translation>Werten Sie die Aufnahme mit einem PRSNet-Modell aus, um dessen ausgewählte Ankerpunkte zu sehen</translation>
    </message>
</context>
<context>
    <name>boneage::ui::AnnotationActions</name>
    <message>
        <source>&amp;Annotate</source>
        <translation>&amp;Annotieren</translation>
    </message>
    <message>
        <source>Edit the hand keypoints and TW3 boxes on the film</source>
        <translation>Handpunkte und TW3-Boxen auf dem Bild bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Select and Move</source>
        <translation>Auswählen und &amp;Verschieben</translation>
    </message>
    <message>
        <source>&amp;Keypoints Only</source>
        <translation>Nur &amp;Handpunkte</translation>
    </message>
    <message>
        <source>TW3 &amp;Boxes Only</source>
        <translation>Nur TW3-&amp;Boxen</translation>
    </message>
    <message>
        <source>&amp;Next Item</source>
        <translation>&amp;Nächstes Element</translation>
    </message>
    <message>
        <source>&amp;Previous Item</source>
        <translation>V&amp;orheriges Element</translation>
    </message>
    <message>
        <source>&amp;Confirm Item</source>
        <translation>Element bes&amp;tätigen</translation>
    </message>
    <message>
        <source>&amp;Lock or Unlock Item</source>
        <translation>Element &amp;sperren oder entsperren</translation>
    </message>
    <message>
        <source>Stage %1</source>
        <translation>Stadium %1</translation>
    </message>
    <message>
        <source>&amp;No Stage</source>
        <translation>&amp;Kein Stadium</translation>
    </message>
    <message>
        <source>%1 is locked: unlock it (L) first.</source>
        <translation>%1 ist gesperrt: zuerst entsperren (L).</translation>
    </message>
    <message>
        <source>%1: nothing to change.</source>
        <translation>%1: nichts zu ändern.</translation>
    </message>
    <message>
        <source>No proposed items left to confirm.</source>
        <translation>Keine vorgeschlagenen Elemente mehr zu bestätigen.</translation>
    </message>
    <message>
        <source> or </source>
        <translation> oder </translation>
    </message>
    <message>
        <source>TW3 stage A … I of the selected box</source>
        <translation>TW3-Stadium A … I der ausgewählten Box</translation>
    </message>
    <message>
        <source>Shift+A … Shift+I</source>
        <translation>Umschalt+A … Umschalt+I</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Wiederholen</translation>
    </message>
    <message>
        <source>Select an item</source>
        <translation>Element auswählen</translation>
    </message>
    <message>
        <source>Click it</source>
        <translation>Anklicken</translation>
    </message>
    <message>
        <source>Move a keypoint or a box</source>
        <translation>Handpunkt oder Box verschieben</translation>
    </message>
    <message>
        <source>Drag it</source>
        <translation>Ziehen</translation>
    </message>
    <message>
        <source>Resize a box</source>
        <translation>Boxgröße ändern</translation>
    </message>
    <message>
        <source>Drag a corner, or an edge of the selected box</source>
        <translation>Eine Ecke ziehen, oder eine Kante der ausgewählten Box</translation>
    </message>
    <message>
        <source>Place a cleared item</source>
        <translation>Geleertes Element setzen</translation>
    </message>
    <message>
        <source>Select it (N), then click or drag on the film</source>
        <translation>Auswählen (N), dann auf dem Bild klicken oder ziehen</translation>
    </message>
    <message>
        <source>Pan / window and level</source>
        <translation>Verschieben / Fenster und Zentrum</translation>
    </message>
    <message>
        <source>Drag empty film / right-drag</source>
        <translation>Freie Bildfläche ziehen / mit rechter Taste ziehen</translation>
    </message>
    <message>
        <source>Annotation Shortcuts</source>
        <translation>Tastenkürzel der Annotation</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Key or mouse</source>
        <translation>Taste oder Maus</translation>
    </message>
    <message>
        <source>TW3 S&amp;tage</source>
        <translation>TW3-Sta&amp;dium</translation>
    </message>
    <message>
        <source>Confirm All Proposed &amp;Items</source>
        <translation>Alle vorgeschlagenen Elemente bestät&amp;igen</translation>
    </message>
    <message>
        <source>Skip or &amp;Restore Item</source>
        <translation>Element a&amp;uslassen oder wiederherstellen</translation>
    </message>
    <message>
        <source>Cl&amp;ear Item</source>
        <translation>Element &amp;leeren</translation>
    </message>
    <message>
        <source>Annotation S&amp;hortcuts…</source>
        <translation>Tasten&amp;kürzel der Annotation…</translation>
    </message>
</context>
<context>
    <name>boneage::ui::AnnotationEditor</name>
    <message>
        <source>not placed</source>
        <translation>nicht gesetzt</translation>
    </message>
    <message>
        <source>proposed by the model</source>
        <translation>vom Modell vorgeschlagen</translation>
    </message>
    <message>
        <source>confirmed</source>
        <translation>bestätigt</translation>
    </message>
    <message>
        <source>corrected</source>
        <translation>korrigiert</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>ausgelassen</translation>
    </message>
    <message>
        <source>stage %1</source>
        <translation>Stadium %1</translation>
    </message>
    <message>
        <source>locked</source>
        <translation>gesperrt</translation>
    </message>
    <message>
        <source>Move %1</source>
        <translation>%1 verschieben</translation>
    </message>
    <message>
        <source>Resize %1</source>
        <translation>Größe von %1 ändern</translation>
    </message>
    <message>
        <source>Place %1</source>
        <translation>%1 setzen</translation>
    </message>
    <message>
        <source>Skip %1</source>
        <translation>%1 auslassen</translation>
    </message>
    <message>
        <source>Restore %1</source>
        <translation>%1 wiederherstellen</translation>
    </message>
    <message>
        <source>Clear %1</source>
        <translation>%1 leeren</translation>
    </message>
    <message>
        <source>Lock %1</source>
        <translation>%1 sperren</translation>
    </message>
    <message>
        <source>Unlock %1</source>
        <translation>%1 entsperren</translation>
    </message>
    <message>
        <source>Stage %2 for %1</source>
        <translation>Stadium %2 für %1</translation>
    </message>
    <message>
        <source>Clear the stage of %1</source>
        <translation>Stadium von %1 entfernen</translation>
    </message>
    <message>
        <source>Confirm %1</source>
        <translation>%1 bestätigen</translation>
    </message>
    <message numerus="yes">
        <source>Confirm %n proposed item(s)</source>
        <translation>
            <numerusform>%n vorgeschlagenes Element bestätigen</numerusform>
            <numerusform>%n vorgeschlagene Elemente bestätigen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>boneage::ui::AnnotationLayer</name>
    <message>
        <source>Annotation</source>
        <translation>Annotation</translation>
    </message>
    <message>
        <source>Proposed by the model (dashed)</source>
        <translation>Vom Modell vorgeschlagen (gestrichelt)</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>Bestätigt</translation>
    </message>
    <message>
        <source>Corrected or placed by the reader</source>
        <translation>Vom Befunder korrigiert oder gesetzt</translation>
    </message>
    <message>
        <source>Skipped (not on this film)</source>
        <translation>Ausgelassen (nicht auf diesem Bild)</translation>
    </message>
    <message>
        <source>Selected</source>
        <translation>Ausgewählt</translation>
    </message>
    <message>
        <source>%1 (locked)</source>
        <translation>%1 (gesperrt)</translation>
    </message>
</context>
<context>
    <name>boneage::ui::AnnotationTool</name>
    <message>
        <source>%1 is locked: unlock it (L) to change it.</source>
        <translation>%1 ist gesperrt: zum Ändern entsperren (L).</translation>
    </message>
    <message>
        <source>%1 is skipped: restore it (S) to move it.</source>
        <translation>%1 ist ausgelassen: zum Verschieben wiederherstellen (S).</translation>
    </message>
    <message>
        <source>Drag on the film to draw the box of %1.</source>
        <translation>Auf dem Bild ziehen, um die Box von %1 zu zeichnen.</translation>
    </message>
</context>
<context>
    <name>boneage::ui::AssessmentPanel</name>
    <message>
        <source>Assess</source>
        <translation>Auswerten</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Research use, not a medical device. Results must be reviewed by a radiologist.</source>
        <translation>Nur für Forschungszwecke, kein Medizinprodukt. Die Ergebnisse müssen von einer Radiologin oder einem Radiologen geprüft werden.</translation>
    </message>
    <message>
        <source>Not recorded: choose</source>
        <translation>Nicht erfasst: bitte wählen</translation>
    </message>
    <message>
        <source>Male</source>
        <translation>Männlich</translation>
    </message>
    <message>
        <source>Female</source>
        <translation>Weiblich</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>JJJJ-MM-TT</translation>
    </message>
    <message>
        <source>months</source>
        <translation>Monate</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Months</source>
        <translation>Monate</translation>
    </message>
    <message>
        <source>Bone age</source>
        <translation>Knochenalter</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Patient and study</source>
        <translation>Patient und Untersuchung</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>Geschlecht</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>Geburtsdatum</translation>
    </message>
    <message>
        <source>Study date</source>
        <translation>Untersuchungsdatum</translation>
    </message>
    <message>
        <source>Chronological age</source>
        <translation>Chronologisches Alter</translation>
    </message>
    <message>
        <source>entered</source>
        <translation>eingegeben</translation>
    </message>
    <message>
        <source>%v of %m</source>
        <translation>%v von %m</translation>
    </message>
    <message>
        <source>%v of %m: %1</source>
        <translation>%v von %m: %1</translation>
    </message>
    <message>
        <source>Device: %1</source>
        <translation>Gerät: %1</translation>
    </message>
    <message>
        <source>Open a radiograph to assess.</source>
        <translation>Öffnen Sie eine Röntgenaufnahme zur Auswertung.</translation>
    </message>
    <message>
        <source>This file cannot be read: %1</source>
        <translation>Diese Datei ist nicht lesbar: %1</translation>
    </message>
    <message>
        <source>No bone age model is installed in %1. Install a model package there.</source>
        <translation>In %1 ist kein Knochenalter-Modell installiert. Installieren Sie dort ein Modellpaket.</translation>
    </message>
    <message>
        <source>The patient&apos;s sex is not recorded in the file. Choose it above: the bone age standards differ for boys and girls, so the workstation will not guess it.</source>
        <translation>Das Geschlecht des Patienten ist in der Datei nicht erfasst. Bitte oben wählen: Die Knochenalter-Standards unterscheiden sich für Jungen und Mädchen, daher rät die Workstation es nicht.</translation>
    </message>
    <message>
        <source>From %1</source>
        <translation>Aus: %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;The assessment failed:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Die Auswertung ist fehlgeschlagen:&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>load %1 ms, preprocessing %2 ms, network %3 ms</source>
        <translation>Laden %1 ms, Vorverarbeitung %2 ms, Netz %3 ms</translation>
    </message>
    <message>
        <source>&lt;b&gt;Bone age %1 months (%2)&lt;/b&gt;</source>
        <translation>&lt;b&gt;Knochenalter %1 Monate (%2)&lt;/b&gt;</translation>
    </message>
    <message>
        <source>: mean of %1 models, spread %2 months</source>
        <translation>: Mittelwert von %1 Modellen, Streubreite %2 Monate</translation>
    </message>
    <message>
        <source>delayed (below -2 SD)</source>
        <translation>verzögert (unter -2 SD)</translation>
    </message>
    <message>
        <source>advanced (above +2 SD)</source>
        <translation>beschleunigt (über +2 SD)</translation>
    </message>
    <message>
        <source>normal (within ±2 SD)</source>
        <translation>normal (innerhalb ±2 SD)</translation>
    </message>
    <message>
        <source>Chronological age %1 months (%2)</source>
        <translation>Chronologisches Alter %1 Monate (%2)</translation>
    </message>
    <message>
        <source>Difference %1 months, SDS %2 (Greulich-Pyle SD %3 months): &lt;b&gt;&lt;span style=&quot;color:%4&quot;&gt;%5&lt;/span&gt;&lt;/b&gt;</source>
        <translation>Differenz %1 Monate, SDS %2 (Greulich-Pyle-SD %3 Monate): &lt;b&gt;&lt;span style=&quot;color:%4&quot;&gt;%5&lt;/span&gt;&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Chronological age unknown: enter the birth and study dates or the age to compare.</source>
        <translation>Chronologisches Alter unbekannt: Geben Sie Geburts- und Untersuchungsdatum oder das Alter ein, um zu vergleichen.</translation>
    </message>
    <message>
        <source>Hand landmarks found (confidence %1)</source>
        <translation>Handlandmarken gefunden (Konfidenz %1)</translation>
    </message>
    <message>
        <source>Model skipped: %1</source>
        <translation>Modell übersprungen: %1</translation>
    </message>
    <message>
        <source>GPU (CUDA)</source>
        <translation>GPU (CUDA)</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message numerus="yes">
        <source>: weighted mean of %n model(s) (weights in the settings), spread %1 months</source>
        <translation>
            <numerusform>: gewichteter Mittelwert von %n Modell (Gewichte in den Einstellungen), Streubreite %1 Monate</numerusform>
            <numerusform>: gewichteter Mittelwert von %n Modellen (Gewichte in den Einstellungen), Streubreite %1 Monate</numerusform>
        </translation>
    </message>
    <message>
        <source>Assess anyway (review required)</source>
        <translation>Trotzdem auswerten (Prüfung erforderlich)</translation>
    </message>
    <message>
        <source>Estimate the bone age although no hand was recognised; the result stays marked for review.</source>
        <translation>Das Knochenalter schätzen, obwohl keine Hand erkannt wurde; das Ergebnis bleibt zur Prüfung markiert.</translation>
    </message>
    <message>
        <source>&lt;span style=&quot;color:#c05000&quot;&gt;No SDS: the study date is before the birth date. Correct the dates to compare the bone age with the chronological age.&lt;/span&gt;</source>
        <translation>&lt;span style=&quot;color:#c05000&quot;&gt;Kein SDS: Das Untersuchungsdatum liegt vor dem Geburtsdatum. Korrigieren Sie die Daten, um Knochenalter und chronologisches Alter zu vergleichen.&lt;/span&gt;</translation>
    </message>
    <message>
        <source>&lt;span style=&quot;color:#c05000&quot;&gt;No SDS: a chronological age of %1 lies outside the 0 to 20 years that the standards cover. Check the birth and study dates.&lt;/span&gt;</source>
        <translation>&lt;span style=&quot;color:#c05000&quot;&gt;Kein SDS: Ein chronologisches Alter von %1 liegt außerhalb der 0 bis 20 Jahre, die die Standards abdecken. Prüfen Sie Geburts- und Untersuchungsdatum.&lt;/span&gt;</translation>
    </message>
    <message>
        <source>No hand was recognised on this image (%1). Check that it is a hand radiograph, upright and uncropped.</source>
        <translation>Auf diesem Bild wurde keine Hand erkannt (%1). Prüfen Sie, ob es eine Handaufnahme ist, aufrecht und nicht beschnitten.</translation>
    </message>
    <message>
        <source>The hand could not be checked: no hand landmark model is installed or it could not run.</source>
        <translation>Die Hand konnte nicht geprüft werden: Kein Hand-Landmarkenmodell ist installiert oder es konnte nicht laufen.</translation>
    </message>
    <message>
        <source>No model gave an estimate within 0 to 20 years.</source>
        <translation>Kein Modell lieferte eine Schätzung zwischen 0 und 20 Jahren.</translation>
    </message>
    <message>
        <source>%1 estimated %2 months, outside 0 to 20 years: not used.</source>
        <translation>%1 schätzte %2 Monate, außerhalb von 0 bis 20 Jahren: nicht verwendet.</translation>
    </message>
    <message>
        <source>Review required: no bone age is reported.</source>
        <translation>Prüfung erforderlich: Es wird kein Knochenalter ausgegeben.</translation>
    </message>
    <message>
        <source>Review required: estimated at your request although no hand was recognised.</source>
        <translation>Prüfung erforderlich: Auf Ihren Wunsch geschätzt, obwohl keine Hand erkannt wurde.</translation>
    </message>
    <message>
        <source>Review required.</source>
        <translation>Prüfung erforderlich.</translation>
    </message>
    <message>
        <source>Model: %1</source>
        <translation>Modell: %1</translation>
    </message>
    <message>
        <source>: fitted ensemble of %1 models, spread %2 months</source>
        <translation>: angepasstes Ensemble aus %1 Modellen, Streuung %2 Monate</translation>
    </message>
    <message>
        <source>%1 % prediction interval: %2 to %3 months (%4 to %5), calibrated on held-out films</source>
        <translation>%1-%-Vorhersageintervall: %2 bis %3 Monate (%4 bis %5), kalibriert an zurückgehaltenen Aufnahmen</translation>
    </message>
    <message>
        <source>No prediction interval: %1</source>
        <translation>Kein Vorhersageintervall: %1</translation>
    </message>
    <message>
        <source>The models are unsure of this case: the %1 % interval is %2 months wide, more than the %3 months set in the settings.</source>
        <translation>Die Modelle sind bei diesem Fall unsicher: Das %1-%-Intervall ist %2 Monate breit, mehr als die in den Einstellungen festgelegten %3 Monate.</translation>
    </message>
    <message>
        <source>Read inverted: bone was darker than soft tissue (an inverted export)</source>
        <translation>Invertiert gelesen: Knochen war dunkler als Weichteil (ein invertierter Export)</translation>
    </message>
    <message>
        <source>Hand found on the film&apos;s tone stretched (a dark or flat export): check the keypoints</source>
        <translation>Hand auf dem gestreckten Grauwertumfang des Films gefunden (ein dunkler oder flauer Export): Landmarken prüfen</translation>
    </message>
</context>
<context>
    <name>boneage::ui::AtlasView</name>
    <message>
        <source>◀ Previous plate</source>
        <translation>◀ Vorherige Tafel</translation>
    </message>
    <message>
        <source>Next plate ▶</source>
        <translation>Nächste Tafel ▶</translation>
    </message>
    <message>
        <source>Atlas comparison (research use, not a medical device)</source>
        <translation>Atlasvergleich (nur für Forschungszwecke, kein Medizinprodukt)</translation>
    </message>
    <message>
        <source>The atlas cannot be shown: %1. Choose an atlas folder (setting &quot;atlas/folder&quot;).</source>
        <translation>Der Atlas kann nicht angezeigt werden: %1. Wählen Sie einen Atlasordner (Einstellung „atlas/folder“).</translation>
    </message>
    <message>
        <source>%1: a reference built from labelled cases, NOT the Greulich–Pyle atlas. Research use, not a medical device.</source>
        <translation>%1: eine aus annotierten Fällen erstellte Referenz, NICHT der Greulich-Pyle-Atlas. Nur für Forschungszwecke, kein Medizinprodukt.</translation>
    </message>
    <message>
        <source>%1. Research use, not a medical device.</source>
        <translation>%1. Nur für Forschungszwecke, kein Medizinprodukt.</translation>
    </message>
    <message>
        <source>Bone age estimate %1</source>
        <translation>Geschätztes Knochenalter %1</translation>
    </message>
    <message>
        <source>No bone age estimate yet: the plates bracket the chronological age, %1</source>
        <translation>Noch keine Knochenalterschätzung: Die Tafeln umschließen das chronologische Alter, %1</translation>
    </message>
    <message>
        <source>No bone age estimate and no chronological age: the plates start at the youngest; use Previous / Next</source>
        <translation>Keine Knochenalterschätzung und kein chronologisches Alter: Die Tafeln beginnen bei der jüngsten; blättern Sie mit Vorherige / Nächste</translation>
    </message>
    <message>
        <source>male</source>
        <translation>männlich</translation>
    </message>
    <message>
        <source>female</source>
        <translation>weiblich</translation>
    </message>
    <message>
        <source>sex not recorded</source>
        <translation>Geschlecht nicht erfasst</translation>
    </message>
    <message>
        <source>bone age estimate %1</source>
        <translation>geschätztes Knochenalter %1</translation>
    </message>
    <message>
        <source>chronological age %1, no estimate yet</source>
        <translation>chronologisches Alter %1, noch keine Schätzung</translation>
    </message>
    <message>
        <source>This film — %1</source>
        <translation>Diese Aufnahme – %1</translation>
    </message>
    <message>
        <source>This film — %1, %2</source>
        <translation>Diese Aufnahme – %1, %2</translation>
    </message>
    <message>
        <source> — reference case %1, research use</source>
        <translation> – Referenzfall %1, nur für Forschungszwecke</translation>
    </message>
    <message>
        <source>
(its own bone age: %1, nearest in age)</source>
        <translation>
(eigenes Knochenalter: %1, im Alter am nächsten)</translation>
    </message>
    <message>
        <source>
(its own bone age: %1)</source>
        <translation>
(eigenes Knochenalter: %1)</translation>
    </message>
    <message>
        <source>
The plate image cannot be read: %1</source>
        <translation>
Das Tafelbild ist nicht lesbar: %1</translation>
    </message>
    <message>
        <source>No atlas loaded.</source>
        <translation>Kein Atlas geladen.</translation>
    </message>
    <message>
        <source>The patient&apos;s sex is not recorded: atlas plates differ by sex. Enter it in the Assessment panel.</source>
        <translation>Das Geschlecht des Patienten ist nicht erfasst: Die Atlastafeln unterscheiden sich nach Geschlecht. Geben Sie es im Bereich „Auswertung“ ein.</translation>
    </message>
    <message>
        <source>This atlas has no plates for sex %1.</source>
        <translation>Dieser Atlas hat keine Tafeln für das Geschlecht %1.</translation>
    </message>
    <message>
        <source>%1: at plate %2.</source>
        <translation>%1: bei Tafel %2.</translation>
    </message>
    <message>
        <source>%1: younger than the youngest plate, %2.</source>
        <translation>%1: jünger als die jüngste Tafel, %2.</translation>
    </message>
    <message>
        <source>%1: older than the oldest plate, %2.</source>
        <translation>%1: älter als die älteste Tafel, %2.</translation>
    </message>
    <message>
        <source>%1: between plates %2 and %3.</source>
        <translation>%1: zwischen den Tafeln %2 und %3.</translation>
    </message>
    <message>
        <source>M</source>
        <comment>the sex of a boy&apos;s plate</comment>
        <translation>M</translation>
    </message>
    <message>
        <source>F</source>
        <comment>the sex of a girl&apos;s plate</comment>
        <translation>W</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>a plate: its sex and its age</comment>
        <translation>%1 %2</translation>
    </message>
</context>
<context>
    <name>boneage::ui::AttentionLayer</name>
    <message>
        <source>Attention map</source>
        <translation>Aufmerksamkeitskarte</translation>
    </message>
</context>
<context>
    <name>boneage::ui::CaseList</name>
    <message>
        <source>male</source>
        <translation>männlich</translation>
    </message>
    <message>
        <source>female</source>
        <translation>weiblich</translation>
    </message>
    <message>
        <source>sex unknown</source>
        <translation>Geschlecht unbekannt</translation>
    </message>
    <message>
        <source>age %1</source>
        <translation>Alter %1</translation>
    </message>
    <message>
        <source>age unknown</source>
        <translation>Alter unbekannt</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <comment>a case&apos;s line: sex, age</comment>
        <translation>%1, %2</translation>
    </message>
</context>
<context>
    <name>boneage::ui::ComparisonView</name>
    <message>
        <source>Age band</source>
        <translation>Altersband</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>Fälle</translation>
    </message>
    <message>
        <source>MAE in use</source>
        <translation>MAE aktiv</translation>
    </message>
    <message>
        <source>MAE candidate</source>
        <translation>MAE Kandidat</translation>
    </message>
    <message>
        <source>Bias in use / candidate</source>
        <translation>Bias aktiv / Kandidat</translation>
    </message>
    <message>
        <source>Bland-Altman: each model against the reference (the mean reading)</source>
        <translation>Bland-Altman: jedes Modell gegen die Referenz (der mittlere Befund)</translation>
    </message>
    <message>
        <source>mean of model and reference (months)</source>
        <translation>Mittel aus Modell und Referenz (Monate)</translation>
    </message>
    <message>
        <source>model − reference (months)</source>
        <translation>Modell − Referenz (Monate)</translation>
    </message>
    <message>
        <source>model version %1</source>
        <translation>Modellversion %1</translation>
    </message>
    <message>
        <source>the installed models</source>
        <translation>die installierten Modelle</translation>
    </message>
    <message>
        <source>Select a finished version and press Compare: it is measured against the model in use on the workspace&apos;s check set.</source>
        <translation>Wählen Sie eine fertige Version und drücken Sie „Vergleichen“: Sie wird auf dem Prüfset des Arbeitsbereichs mit dem aktiven Modell verglichen.</translation>
    </message>
    <message numerus="yes">
        <source>Check set: %n case(s) compared</source>
        <translation>
            <numerusform>Prüfset: %n Fall verglichen</numerusform>
            <numerusform>Prüfset: %n Fälle verglichen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n skipped (the film could not be assessed)</source>
        <translation>
            <numerusform>, %n übersprungen (die Aufnahme konnte nicht ausgewertet werden)</numerusform>
            <numerusform>, %n übersprungen (die Aufnahmen konnten nicht ausgewertet werden)</numerusform>
        </translation>
    </message>
    <message>
        <source>In use (%1): MAE %2 months, bias %3 months</source>
        <translation>Aktiv (%1): MAE %2 Monate, Bias %3 Monate</translation>
    </message>
    <message>
        <source>Candidate (%1): MAE %2 months, bias %3 months</source>
        <translation>Kandidat (%1): MAE %2 Monate, Bias %3 Monate</translation>
    </message>
    <message>
        <source>MAE difference (candidate − in use) %1 months, 95 % interval [%2, %3] (paired bootstrap, %4 resamples)</source>
        <translation>MAE-Differenz (Kandidat − aktiv) %1 Monate, 95-%-Intervall [%2, %3] (gepaartes Bootstrap, %4 Stichproben)</translation>
    </message>
    <message>
        <source>&lt;b&gt;&lt;span style=&quot;color:#208020&quot;&gt;Better: the whole interval lies below 0. It may be promoted.&lt;/span&gt;&lt;/b&gt;</source>
        <translation>&lt;b&gt;&lt;span style=&quot;color:#208020&quot;&gt;Besser: das ganze Intervall liegt unter 0. Die Version darf freigegeben werden.&lt;/span&gt;&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;&lt;span style=&quot;color:#c05000&quot;&gt;Not shown to be better: the interval&apos;s upper bound is not below 0. Promotion needs an override with a written reason.&lt;/span&gt;&lt;/b&gt;</source>
        <translation>&lt;b&gt;&lt;span style=&quot;color:#c05000&quot;&gt;Nicht als besser belegt: die obere Grenze des Intervalls liegt nicht unter 0. Eine Freigabe braucht eine Ausnahme mit schriftlicher Begründung.&lt;/span&gt;&lt;/b&gt;</translation>
    </message>
    <message>
        <source>%1–%2 years</source>
        <translation>%1–%2 Jahre</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>candidate: %1</source>
        <translation>Kandidat: %1</translation>
    </message>
    <message>
        <source>in use: %1</source>
        <translation>aktiv: %1</translation>
    </message>
</context>
<context>
    <name>boneage::ui::CropLayer</name>
    <message>
        <source>AG-CNN crop box</source>
        <translation>AG-CNN-Ausschnittsrahmen</translation>
    </message>
    <message>
        <source>AG-CNN attention crop (dashed)</source>
        <translation>AG-CNN-Aufmerksamkeitsausschnitt (gestrichelt)</translation>
    </message>
    <message>
        <source>No installed AG-CNN model</source>
        <translation>Kein AG-CNN-Modell installiert</translation>
    </message>
    <message>
        <source>Assess the film with an AG-CNN model to see its crop box</source>
        <translation>Werten Sie die Aufnahme mit einem AG-CNN-Modell aus, um dessen Ausschnittsrahmen zu sehen</translation>
    </message>
    <message>
        <source>AG-CNN crop</source>
        <translation>AG-CNN-Ausschnitt</translation>
    </message>
</context>
<context>
    <name>boneage::ui::DicomNodeBox</name>
    <message>
        <source>AET@HOST:PORT, e.g. PACS@10.0.0.5:104</source>
        <translation>AET@HOST:PORT, z. B. PACS@10.0.0.5:104</translation>
    </message>
    <message>
        <source>The PACS or DICOM node: its AE title, host and port. Configured nodes are in File &gt; Settings.</source>
        <translation>Das PACS oder der DICOM-Knoten: AE-Titel, Host und Port. Eingerichtete Knoten stehen unter Datei &gt; Einstellungen.</translation>
    </message>
    <message>
        <source>Name the DICOM node: AET@HOST:PORT, e.g. PACS@10.0.0.5:104</source>
        <translation>Geben Sie den DICOM-Knoten an: AET@HOST:PORT, z. B. PACS@10.0.0.5:104</translation>
    </message>
</context>
<context>
    <name>boneage::ui::KeypointLayer</name>
    <message>
        <source>Hand keypoints</source>
        <translation>Handschlüsselpunkte</translation>
    </message>
    <message>
        <source>Thumb</source>
        <translation>Daumen</translation>
    </message>
    <message>
        <source>Index finger</source>
        <translation>Zeigefinger</translation>
    </message>
    <message>
        <source>Middle finger</source>
        <translation>Mittelfinger</translation>
    </message>
    <message>
        <source>Ring finger</source>
        <translation>Ringfinger</translation>
    </message>
    <message>
        <source>Little finger</source>
        <translation>Kleiner Finger</translation>
    </message>
    <message>
        <source>Wrist</source>
        <translation>Handgelenk</translation>
    </message>
</context>
<context>
    <name>boneage::ui::LayerPanel</name>
    <message>
        <source>Whose attention map is shown (also: click a model in the results)</source>
        <translation>Wessen Aufmerksamkeitskarte angezeigt wird (auch: ein Modell in den Ergebnissen anklicken)</translation>
    </message>
    <message>
        <source>low</source>
        <translation>niedrig</translation>
    </message>
    <message>
        <source>high</source>
        <translation>hoch</translation>
    </message>
    <message>
        <source>Relative, per model: each map&apos;s peak is high.</source>
        <translation>Relativ, je Modell: Das Maximum jeder Karte ist „hoch“.</translation>
    </message>
    <message>
        <source>Opacity</source>
        <translation>Deckkraft</translation>
    </message>
    <message>
        <source>Nothing to show for this film yet</source>
        <translation>Für diese Aufnahme noch nichts anzuzeigen</translation>
    </message>
    <message>
        <source>Assess the film to compute the models&apos; attention maps</source>
        <translation>Werten Sie die Aufnahme aus, um die Aufmerksamkeitskarten der Modelle zu berechnen</translation>
    </message>
    <message>
        <source>Whose boxes are shown (also: click a model in the results)</source>
        <translation>Wessen Rahmen angezeigt werden (auch: ein Modell in den Ergebnissen anklicken)</translation>
    </message>
</context>
<context>
    <name>boneage::ui::MainWindow</name>
    <message>
        <source>Bone Age Workstation (research use, not a medical device)</source>
        <translation>Knochenalter-Workstation (nur für Forschungszwecke, kein Medizinprodukt)</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>Fälle</translation>
    </message>
    <message>
        <source>&lt;b&gt;Overlays&lt;/b&gt;</source>
        <translation>&lt;b&gt;Überlagerungen&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Assessment</source>
        <translation>Auswertung</translation>
    </message>
    <message>
        <source>GPU (CUDA)</source>
        <translation>GPU (CUDA)</translation>
    </message>
    <message>
        <source>CPU (chosen in the settings)</source>
        <translation>CPU (in den Einstellungen gewählt)</translation>
    </message>
    <message>
        <source>CPU (LibTorch sees no GPU)</source>
        <translation>CPU (LibTorch findet keine GPU)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>Ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Open &amp;Folder…</source>
        <translation>&amp;Ordner öffnen…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+O</source>
        <translation>Ctrl+Shift+O</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Fit to Window</source>
        <translation>In Fenster &amp;einpassen</translation>
    </message>
    <message>
        <source>F</source>
        <translation>F</translation>
    </message>
    <message>
        <source>&amp;Actual Pixels (1:1)</source>
        <translation>Origina&amp;lpixel (1:1)</translation>
    </message>
    <message>
        <source>1</source>
        <translation>1</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>Ver&amp;größern</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>Ver&amp;kleinern</translation>
    </message>
    <message>
        <source>&amp;Invert</source>
        <translation>&amp;Invertieren</translation>
    </message>
    <message>
        <source>I</source>
        <translation>I</translation>
    </message>
    <message>
        <source>Window &amp;Presets</source>
        <translation>&amp;Fenster/Level-Vorgaben</translation>
    </message>
    <message>
        <source>Rotate &amp;Clockwise</source>
        <translation>Im &amp;Uhrzeigersinn drehen</translation>
    </message>
    <message>
        <source>R</source>
        <translation>R</translation>
    </message>
    <message>
        <source>Rotate C&amp;ounterclockwise</source>
        <translation>Gegen den Uhrzeigersinn &amp;drehen</translation>
    </message>
    <message>
        <source>Shift+R</source>
        <translation>Shift+R</translation>
    </message>
    <message>
        <source>Flip &amp;Horizontally</source>
        <translation>&amp;Horizontal spiegeln</translation>
    </message>
    <message>
        <source>H</source>
        <translation>H</translation>
    </message>
    <message>
        <source>Flip &amp;Vertically</source>
        <translation>&amp;Vertikal spiegeln</translation>
    </message>
    <message>
        <source>V</source>
        <translation>V</translation>
    </message>
    <message>
        <source>Compare with &amp;Atlas…</source>
        <translation>Mit &amp;Atlas vergleichen…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+A</source>
        <translation>Ctrl+Shift+A</translation>
    </message>
    <message>
        <source>&amp;Assessment</source>
        <translation>Aus&amp;wertung</translation>
    </message>
    <message>
        <source>&amp;Assess</source>
        <translation>&amp;Auswerten</translation>
    </message>
    <message>
        <source>Ctrl+Return</source>
        <translation>Ctrl+Return</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>Ab&amp;brechen</translation>
    </message>
    <message>
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>Ü&amp;ber</translation>
    </message>
    <message>
        <source>About</source>
        <translation>Über</translation>
    </message>
    <message>
        <source>&lt;b&gt;Bone Age Workstation&lt;/b&gt;&lt;p&gt;Assesses skeletal age from hand radiographs with the installed models.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Research use, not a medical device.&lt;/b&gt; Results must be reviewed by a radiologist.&lt;/p&gt;&lt;p&gt;Models: %1&lt;/p&gt;</source>
        <translation>&lt;b&gt;Knochenalter-Workstation&lt;/b&gt;&lt;p&gt;Bestimmt das Skelettalter aus Röntgenaufnahmen der Hand mit den installierten Modellen.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Nur für Forschungszwecke, kein Medizinprodukt.&lt;/b&gt; Die Ergebnisse müssen von einer Radiologin oder einem Radiologen geprüft werden.&lt;/p&gt;&lt;p&gt;Modelle: %1&lt;/p&gt;</translation>
    </message>
    <message>
        <source>%1: no DICOM, PNG, JPEG, TIFF or JPEG 2000 files in this folder.</source>
        <translation>%1: Keine DICOM-, PNG-, JPEG-, TIFF- oder JPEG-2000-Dateien in diesem Ordner.</translation>
    </message>
    <message>
        <source>Some files could not be opened</source>
        <translation>Einige Dateien konnten nicht geöffnet werden</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>D</source>
        <translation>D</translation>
    </message>
    <message>
        <source>DICOM window</source>
        <translation>DICOM-Fenster</translation>
    </message>
    <message>
        <source>%1 (centre %2, width %3)</source>
        <translation>%1 (Level %2, Fenster %3)</translation>
    </message>
    <message>
        <source>Automatic (1st to 99th percentile)</source>
        <translation>Automatisch (1. bis 99. Perzentil)</translation>
    </message>
    <message>
        <source>A</source>
        <translation>A</translation>
    </message>
    <message>
        <source>Full range</source>
        <translation>Gesamter Wertebereich</translation>
    </message>
    <message>
        <source>No recent files</source>
        <translation>Keine zuletzt geöffneten Dateien</translation>
    </message>
    <message>
        <source>x %1, y %2: value %3</source>
        <translation>x %1, y %2: Wert %3</translation>
    </message>
    <message>
        <source> (stored %1)</source>
        <translation> (gespeichert %1)</translation>
    </message>
    <message>
        <source>Window centre %1, width %2%3</source>
        <translation>Level %1, Fenster %2%3</translation>
    </message>
    <message>
        <source>, inverted</source>
        <translation>, invertiert</translation>
    </message>
    <message>
        <source>No installed model assesses this sex (only models for the other sex are installed).</source>
        <translation>Kein installiertes Modell wertet dieses Geschlecht aus (nur Modelle für das andere Geschlecht sind installiert).</translation>
    </message>
    <message>
        <source>No installed model could be run.</source>
        <translation>Kein installiertes Modell konnte ausgeführt werden.</translation>
    </message>
    <message>
        <source>Open radiographs</source>
        <translation>Röntgenaufnahmen öffnen</translation>
    </message>
    <message>
        <source>Radiographs (*.dcm *.dicom *.png *.jpg *.jpeg *.tif *.tiff *.jp2 *.j2k);;All files (*)</source>
        <translation>Röntgenaufnahmen (*.dcm *.dicom *.png *.jpg *.jpeg *.tif *.tiff *.jp2 *.j2k);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Open a folder of radiographs</source>
        <translation>Ordner mit Röntgenaufnahmen öffnen</translation>
    </message>
    <message>
        <source>The film beside the atlas plates bracketing its bone age</source>
        <translation>Die Aufnahme neben den Atlastafeln, die ihr Knochenalter umschließen</translation>
    </message>
    <message>
        <source>Needs the patient&apos;s sex and a bone age estimate (or the chronological age)</source>
        <translation>Erfordert das Geschlecht des Patienten und eine Knochenalterschätzung (oder das chronologische Alter)</translation>
    </message>
    <message>
        <source>DICOM VOI LUT %1</source>
        <translation>DICOM-VOI-LUT %1</translation>
    </message>
    <message>
        <source>%1 (DICOM VOI LUT)</source>
        <translation>%1 (DICOM-VOI-LUT)</translation>
    </message>
    <message>
        <source>Edit History</source>
        <translation>Bearbeitungsverlauf</translation>
    </message>
    <message>
        <source>&lt;annotation as loaded&gt;</source>
        <translation>&lt;Annotation wie geladen&gt;</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Assess the film first: the annotation starts from the model&apos;s keypoints.</source>
        <translation>Zuerst das Bild beurteilen: die Annotation beginnt mit den Handpunkten des Modells.</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <source>A&amp;nnotation</source>
        <translation>A&amp;nnotation</translation>
    </message>
    <message>
        <source>&amp;Edit History</source>
        <translation>Bearbeitungs&amp;verlauf</translation>
    </message>
    <message>
        <source>Reading</source>
        <translation>Befundung</translation>
    </message>
    <message>
        <source>Workspace</source>
        <translation>Arbeitsbereich</translation>
    </message>
    <message>
        <source>Reader: </source>
        <translation>Befunder: </translation>
    </message>
    <message>
        <source>Your name: annotations and readings are stored under it, each reader keeps their own</source>
        <translation>Ihr Name: Annotationen und Befunde werden darunter gespeichert, jeder Befunder hat seine eigenen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Stop Assess All after the model that is running</source>
        <translation>„Alle auswerten“ nach dem laufenden Modell anhalten</translation>
    </message>
    <message>
        <source>Assess all: %1 of %2</source>
        <translation>Alle auswerten: %1 von %2</translation>
    </message>
    <message>
        <source>Case %1: %2</source>
        <translation>Fall %1: %2</translation>
    </message>
    <message numerus="yes">
        <source>, %n failed</source>
        <translation>
            <numerusform>, %n fehlgeschlagen</numerusform>
            <numerusform>, %n fehlgeschlagen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Assess all cancelled: %n case(s) assessed and stored%1</source>
        <translation>
            <numerusform>Alle auswerten abgebrochen: %n Fall ausgewertet und gespeichert%1</numerusform>
            <numerusform>Alle auswerten abgebrochen: %n Fälle ausgewertet und gespeichert%1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Assess all: %n case(s) assessed and stored%1</source>
        <translation>
            <numerusform>Alle auswerten: %n Fall ausgewertet und gespeichert%1</numerusform>
            <numerusform>Alle auswerten: %n Fälle ausgewertet und gespeichert%1</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;New Workspace…</source>
        <translation>&amp;Neuer Arbeitsbereich…</translation>
    </message>
    <message>
        <source>New workspace: choose an empty folder</source>
        <translation>Neuer Arbeitsbereich: einen leeren Ordner wählen</translation>
    </message>
    <message>
        <source>Open &amp;Workspace…</source>
        <translation>&amp;Arbeitsbereich öffnen…</translation>
    </message>
    <message>
        <source>Open a workspace folder</source>
        <translation>Einen Arbeitsbereich-Ordner öffnen</translation>
    </message>
    <message>
        <source>&amp;Close Workspace</source>
        <translation>Arbeitsbereich s&amp;chließen</translation>
    </message>
    <message>
        <source>&amp;Import into Workspace…</source>
        <translation>In Arbeitsbereich &amp;importieren…</translation>
    </message>
    <message>
        <source>Import radiographs into the workspace</source>
        <translation>Röntgenbilder in den Arbeitsbereich importieren</translation>
    </message>
    <message>
        <source>Import Fol&amp;der into Workspace…</source>
        <translation>Or&amp;dner in Arbeitsbereich importieren…</translation>
    </message>
    <message>
        <source>Import a folder of radiographs into the workspace</source>
        <translation>Einen Ordner mit Röntgenbildern in den Arbeitsbereich importieren</translation>
    </message>
    <message>
        <source>Rea&amp;ding Form</source>
        <translation>Befund&amp;formular</translation>
    </message>
    <message>
        <source>&amp;Next Case</source>
        <translation>&amp;Nächster Fall</translation>
    </message>
    <message>
        <source>Ctrl+PgDown</source>
        <translation>Ctrl+PgDown</translation>
    </message>
    <message>
        <source>Pre&amp;vious Case</source>
        <translation>V&amp;origer Fall</translation>
    </message>
    <message>
        <source>Ctrl+PgUp</source>
        <translation>Ctrl+PgUp</translation>
    </message>
    <message>
        <source>Assess A&amp;ll</source>
        <translation>A&amp;lle auswerten</translation>
    </message>
    <message>
        <source>Ctrl+Shift+Return</source>
        <translation>Ctrl+Shift+Return</translation>
    </message>
    <message>
        <source>Assess every case of the workspace that has no assessment yet, in the background</source>
        <translation>Jeden noch nicht ausgewerteten Fall des Arbeitsbereichs im Hintergrund auswerten</translation>
    </message>
    <message>
        <source>Cancel Assess All</source>
        <translation>Alle auswerten abbrechen</translation>
    </message>
    <message>
        <source>The workspace is open in another program (the command line or a second workstation). Close it there, or open the workspace read-only to look without changing it.</source>
        <translation>Der Arbeitsbereich ist in einem anderen Programm geöffnet (Kommandozeile oder eine zweite Workstation). Schließen Sie ihn dort oder öffnen Sie ihn schreibgeschützt, um ihn ohne Änderungen anzusehen.</translation>
    </message>
    <message>
        <source>The workspace was made or upgraded by a newer version of the program. Update the workstation to open it.</source>
        <translation>Der Arbeitsbereich wurde mit einer neueren Programmversion erstellt oder aktualisiert. Aktualisieren Sie die Workstation, um ihn zu öffnen.</translation>
    </message>
    <message>
        <source>The workspace cannot be written here (read-only folder or file). You can open it read-only: nothing you do is stored then.</source>
        <translation>Der Arbeitsbereich kann hier nicht beschrieben werden (schreibgeschützter Ordner oder Datei). Sie können ihn schreibgeschützt öffnen: Dann wird nichts gespeichert.</translation>
    </message>
    <message>
        <source>The workspace cannot be read: its database is damaged or not accessible. Restore it from a backup.</source>
        <translation>Der Arbeitsbereich kann nicht gelesen werden: Seine Datenbank ist beschädigt oder nicht zugänglich. Stellen Sie ihn aus einer Sicherung wieder her.</translation>
    </message>
    <message>
        <source>This folder is not a workspace. Use File &gt; New Workspace to make one.</source>
        <translation>Dieser Ordner ist kein Arbeitsbereich. Legen Sie mit Datei &gt; Neuer Arbeitsbereich einen an.</translation>
    </message>
    <message>
        <source>A new workspace needs an empty folder.</source>
        <translation>Ein neuer Arbeitsbereich braucht einen leeren Ordner.</translation>
    </message>
    <message>
        <source>The disk is full. Free some space and try again.</source>
        <translation>Der Datenträger ist voll. Geben Sie Speicherplatz frei und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The workspace could not be used.</source>
        <translation>Der Arbeitsbereich konnte nicht verwendet werden.</translation>
    </message>
    <message>
        <source>%1

%2</source>
        <translation>%1

%2</translation>
    </message>
    <message>
        <source>Workspace %1</source>
        <translation>Arbeitsbereich %1</translation>
    </message>
    <message>
        <source>Open &amp;Read-Only</source>
        <translation>&amp;Schreibgeschützt öffnen</translation>
    </message>
    <message>
        <source>Worklist</source>
        <translation>Arbeitsliste</translation>
    </message>
    <message numerus="yes">
        <source>Workspace opened: %n case(s)</source>
        <translation>
            <numerusform>Arbeitsbereich geöffnet: %n Fall</numerusform>
            <numerusform>Arbeitsbereich geöffnet: %n Fälle</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Workspace opened read-only: %n case(s); nothing is stored</source>
        <translation>
            <numerusform>Arbeitsbereich schreibgeschützt geöffnet: %n Fall; nichts wird gespeichert</numerusform>
            <numerusform>Arbeitsbereich schreibgeschützt geöffnet: %n Fälle; nichts wird gespeichert</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>%1 (read-only) – %2</source>
        <translation>%1 (schreibgeschützt) – %2</translation>
    </message>
    <message>
        <source>The worklist could not be read</source>
        <translation>Die Arbeitsliste konnte nicht gelesen werden</translation>
    </message>
    <message>
        <source>the workspace</source>
        <translation>dem Arbeitsbereich</translation>
    </message>
    <message>
        <source>The stored assessment cannot be read: %1</source>
        <translation>Die gespeicherte Auswertung kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>The case could not be opened</source>
        <translation>Der Fall konnte nicht geöffnet werden</translation>
    </message>
    <message>
        <source>The workspace is open read-only: this edit is not stored.</source>
        <translation>Der Arbeitsbereich ist schreibgeschützt geöffnet: Diese Änderung wird nicht gespeichert.</translation>
    </message>
    <message>
        <source>The annotation edit was not stored</source>
        <translation>Die Änderung der Annotation wurde nicht gespeichert</translation>
    </message>
    <message>
        <source>The assessment was not stored</source>
        <translation>Die Auswertung wurde nicht gespeichert</translation>
    </message>
    <message>
        <source>Patient&apos;s sex</source>
        <translation>Geschlecht des Patienten</translation>
    </message>
    <message numerus="yes">
        <source>%n film(s) do not record the patient&apos;s sex, which the bone age standards need:

%1

Import them as the films of a boy or of a girl?</source>
        <translation>
            <numerusform>%n Aufnahme enthält nicht das Geschlecht des Patienten, das die Knochenalter-Standards brauchen:

%1

Als Aufnahme eines Jungen oder eines Mädchens importieren?</numerusform>
            <numerusform>%n Aufnahmen enthalten nicht das Geschlecht des Patienten, das die Knochenalter-Standards brauchen:

%1

Als Aufnahmen eines Jungen oder eines Mädchens importieren?</numerusform>
        </translation>
    </message>
    <message>
        <source>
…</source>
        <translation>
…</translation>
    </message>
    <message>
        <source>&amp;Male</source>
        <translation>&amp;Männlich</translation>
    </message>
    <message>
        <source>&amp;Female</source>
        <translation>&amp;Weiblich</translation>
    </message>
    <message>
        <source>Do &amp;Not Import</source>
        <translation>&amp;Nicht importieren</translation>
    </message>
    <message>
        <source>Nothing imported</source>
        <translation>Nichts importiert</translation>
    </message>
    <message>
        <source>The workspace is open read-only: films cannot be imported.</source>
        <translation>Der Arbeitsbereich ist schreibgeschützt geöffnet: Aufnahmen können nicht importiert werden.</translation>
    </message>
    <message>
        <source>Imported: %1 new, %2 already in the workspace, %3 refused</source>
        <translation>Importiert: %1 neu, %2 bereits im Arbeitsbereich, %3 abgelehnt</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) were not imported</source>
        <translation>
            <numerusform>%n Datei wurde nicht importiert</numerusform>
            <numerusform>%n Dateien wurden nicht importiert</numerusform>
        </translation>
    </message>
    <message>
        <source>Every case of the workspace is assessed.</source>
        <translation>Jeder Fall des Arbeitsbereichs ist ausgewertet.</translation>
    </message>
    <message>
        <source>Assess all</source>
        <translation>Alle auswerten</translation>
    </message>
    <message>
        <source>No bone age model is installed in %1.</source>
        <translation>In %1 ist kein Knochenalter-Modell installiert.</translation>
    </message>
    <message>
        <source>The reading was not stored</source>
        <translation>Der Befund wurde nicht gespeichert</translation>
    </message>
    <message>
        <source>Reading of case %1 stored: %2 months</source>
        <translation>Befund zu Fall %1 gespeichert: %2 Monate</translation>
    </message>
    <message>
        <source>The workspace is open read-only: readings are not stored.</source>
        <translation>Der Arbeitsbereich ist schreibgeschützt geöffnet: Befunde werden nicht gespeichert.</translation>
    </message>
    <message>
        <source>The readings could not be read</source>
        <translation>Die Befunde konnten nicht gelesen werden</translation>
    </message>
    <message>
        <source>The training job (Models &gt; Train)</source>
        <translation>Der Trainingsauftrag (Modelle &gt; Trainieren)</translation>
    </message>
    <message>
        <source>Training version %1</source>
        <translation>Training Version %1</translation>
    </message>
    <message>
        <source>Training version %1: %2 %</source>
        <translation>Training Version %1: %2 %</translation>
    </message>
    <message>
        <source>&amp;Models</source>
        <translation>&amp;Modelle</translation>
    </message>
    <message>
        <source>&amp;Train…</source>
        <translation>&amp;Trainieren…</translation>
    </message>
    <message>
        <source>Train or fine-tune a model on the workspace&apos;s read cases, in the background</source>
        <translation>Ein Modell im Hintergrund auf den befundeten Fällen des Arbeitsbereichs trainieren oder feinabstimmen</translation>
    </message>
    <message>
        <source>Model &amp;Versions…</source>
        <translation>Modell&amp;versionen…</translation>
    </message>
    <message>
        <source>The workspace&apos;s model versions: compare with the model in use, promote, roll back</source>
        <translation>Die Modellversionen des Arbeitsbereichs: mit dem aktiven Modell vergleichen, freigeben, zurücksetzen</translation>
    </message>
    <message>
        <source>Training is running</source>
        <translation>Ein Training läuft</translation>
    </message>
    <message>
        <source>Model version %1 is training. Stop it (and the queued jobs)?

It keeps its last checkpoint: Models &gt; Train can resume it later.</source>
        <translation>Modellversion %1 wird trainiert. Anhalten (samt den wartenden Aufträgen)?

Der letzte Checkpoint bleibt erhalten: unter Modelle &gt; Trainieren kann es später fortgesetzt werden.</translation>
    </message>
    <message>
        <source>Interrupted training jobs could not be recorded</source>
        <translation>Unterbrochene Trainingsaufträge konnten nicht vermerkt werden</translation>
    </message>
    <message>
        <source>Training of model version(s) %1 was interrupted: the program or the computer stopped during the job.</source>
        <translation>Das Training der Modellversion(en) %1 wurde unterbrochen: Das Programm oder der Computer wurde während des Auftrags beendet.</translation>
    </message>
    <message>
        <source>No checkpoint was left: train again in Models &gt; Train.</source>
        <translation>Es blieb kein Checkpoint: trainieren Sie neu unter Modelle &gt; Trainieren.</translation>
    </message>
    <message>
        <source>Version(s) %1 can be resumed from the last checkpoint in Models &gt; Train.</source>
        <translation>Version(en) %1 kann/können unter Modelle &gt; Trainieren vom letzten Checkpoint fortgesetzt werden.</translation>
    </message>
    <message>
        <source>Interrupted training</source>
        <translation>Unterbrochenes Training</translation>
    </message>
    <message>
        <source>%1 + hand landmark model version %2</source>
        <translation>%1 + Handlandmarken-Modellversion %2</translation>
    </message>
    <message>
        <source>ROI gallery</source>
        <translation>ROI-Galerie</translation>
    </message>
    <message>
        <source>%1 cannot be staged: assess the film first, and unlock the ROI if it is locked.</source>
        <translation>%1 kann nicht gestaget werden: zuerst die Aufnahme auswerten und die ROI entsperren, falls sie gesperrt ist.</translation>
    </message>
    <message>
        <source>&amp;Export Report…</source>
        <translation>Bericht &amp;exportieren…</translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <source>Open a film first.</source>
        <translation>Öffnen Sie zuerst eine Aufnahme.</translation>
    </message>
    <message>
        <source>Assess the film first: the report holds the models&apos; result.</source>
        <translation>Werten Sie die Aufnahme zuerst aus: der Bericht enthält das Ergebnis der Modelle.</translation>
    </message>
    <message>
        <source>Export Report</source>
        <translation>Bericht exportieren</translation>
    </message>
    <message>
        <source>Export the report as PDF</source>
        <translation>Bericht als PDF exportieren</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Also write the DICOM objects (structured report, secondary capture, encapsulated PDF) into a folder, to send to the PACS?</source>
        <translation>Auch die DICOM-Objekte (strukturierter Bericht, Secondary Capture, eingebettetes PDF) in einen Ordner schreiben, um sie an das PACS zu senden?</translation>
    </message>
    <message>
        <source>Folder for the DICOM objects</source>
        <translation>Ordner für die DICOM-Objekte</translation>
    </message>
    <message>
        <source>Report written: %1</source>
        <translation>Bericht geschrieben: %1</translation>
    </message>
    <message>
        <source>Send to &amp;PACS…</source>
        <translation>An &amp;PACS senden…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+E</source>
        <translation>Ctrl+Shift+E</translation>
    </message>
    <message>
        <source>Q&amp;uery PACS…</source>
        <translation>PACS &amp;abfragen…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+Q</source>
        <translation>Ctrl+Shift+Q</translation>
    </message>
    <message>
        <source>PACS query</source>
        <translation>PACS-Abfrage</translation>
    </message>
    <message>
        <source>Send to PACS</source>
        <translation>An PACS senden</translation>
    </message>
    <message>
        <source>The film is not assessed yet: assess it first to send its results.</source>
        <translation>Die Aufnahme ist noch nicht ausgewertet: Werten Sie sie zuerst aus, um ihre Ergebnisse zu senden.</translation>
    </message>
    <message>
        <source>The case changed: open Send to PACS again for the film shown now.</source>
        <translation>Der Fall hat gewechselt: Öffnen Sie „An PACS senden“ erneut für die jetzt gezeigte Aufnahme.</translation>
    </message>
    <message>
        <source>The film has no Study Instance UID (a PNG or JPEG export, or a DICOM file without it), so its results would not join its study in the PACS. File &gt; Export Report writes them to files instead.</source>
        <translation>Die Aufnahme hat keine Study Instance UID (ein PNG- oder JPEG-Export oder eine DICOM-Datei ohne sie), daher würden ihre Ergebnisse im PACS nicht zu ihrer Untersuchung kommen. Datei &gt; Bericht exportieren schreibt sie stattdessen in Dateien.</translation>
    </message>
    <message>
        <source>The hand was found only with bone shown dark: the film is an inverted export and is now shown and read inverted.</source>
        <translation>Die Hand wurde nur mit dunkel dargestelltem Knochen gefunden: Das Bild ist ein invertierter Export und wird jetzt invertiert angezeigt und gelesen.</translation>
    </message>
</context>
<context>
    <name>boneage::ui::ModelVersionsView</name>
    <message>
        <source>training</source>
        <translation>wird trainiert</translation>
    </message>
    <message>
        <source>done</source>
        <translation>fertig</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>&amp;Compare with the Model in Use</source>
        <translation>Mit dem aktiven Modell &amp;vergleichen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>&amp;Promote</source>
        <translation>&amp;Freigeben</translation>
    </message>
    <message>
        <source>&amp;Override…</source>
        <translation>&amp;Ausnahme…</translation>
    </message>
    <message>
        <source>&amp;Roll Back to This…</source>
        <translation>Hierauf &amp;zurücksetzen…</translation>
    </message>
    <message>
        <source>Model Versions</source>
        <translation>Modellversionen</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Base</source>
        <translation>Basis</translation>
    </message>
    <message>
        <source>Training cases</source>
        <translation>Trainingsfälle</translation>
    </message>
    <message>
        <source>Check-set MAE</source>
        <translation>MAE im Prüfset</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <source>Run the model in use and the selected version on every film of the check set and compare them, paired</source>
        <translation>Das aktive Modell und die gewählte Version auf jeder Aufnahme des Prüfsets ausführen und gepaart vergleichen</translation>
    </message>
    <message>
        <source>Use the selected version from now on: possible when the comparison shows it better</source>
        <translation>Die gewählte Version ab jetzt verwenden: möglich, wenn der Vergleich sie als besser zeigt</translation>
    </message>
    <message>
        <source>Use the selected version although the comparison does not show it better; needs a written reason, which the registry keeps</source>
        <translation>Die gewählte Version verwenden, obwohl der Vergleich sie nicht als besser zeigt; braucht eine schriftliche Begründung, die das Register aufbewahrt</translation>
    </message>
    <message>
        <source>Return to a version that was in use before, or to the installed models</source>
        <translation>Zu einer früher aktiven Version oder zu den installierten Modellen zurückkehren</translation>
    </message>
    <message>
        <source>Comparison</source>
        <translation>Vergleich</translation>
    </message>
    <message>
        <source>Lineage</source>
        <translation>Herkunft</translation>
    </message>
    <message>
        <source>Curves</source>
        <translation>Kurven</translation>
    </message>
    <message>
        <source>Override the comparison</source>
        <translation>Ausnahme vom Vergleich</translation>
    </message>
    <message>
        <source>%1 is not shown to be better than the model in use on the check set. Why should it be used anyway? The reason is kept in the model registry.</source>
        <translation>%1 ist auf dem Prüfset nicht als besser als das aktive Modell belegt. Warum soll sie trotzdem verwendet werden? Die Begründung wird im Modellregister aufbewahrt.</translation>
    </message>
    <message>
        <source>Roll back</source>
        <translation>Zurücksetzen</translation>
    </message>
    <message>
        <source>Use %1 again instead of %2?

Assessments made from now on use it; the results stored before keep the name of the model that made them.</source>
        <translation>Wieder %1 statt %2 verwenden?

Auswertungen ab jetzt verwenden es; früher gespeicherte Ergebnisse behalten den Namen des Modells, das sie erstellt hat.</translation>
    </message>
    <message>
        <source>installed models</source>
        <translation>installierte Modelle</translation>
    </message>
    <message>
        <source>model version %1</source>
        <translation>Modellversion %1</translation>
    </message>
    <message>
        <source>Open a workspace to see its model versions.</source>
        <translation>Öffnen Sie einen Arbeitsbereich, um seine Modellversionen zu sehen.</translation>
    </message>
    <message>
        <source>not drawn yet (the first job or comparison draws it)</source>
        <translation>noch nicht gezogen (der erste Auftrag oder Vergleich zieht es)</translation>
    </message>
    <message numerus="yes">
        <source>%n case(s), never trained on</source>
        <translation>
            <numerusform>%n Fall, nie zum Training verwendet</numerusform>
            <numerusform>%n Fälle, nie zum Training verwendet</numerusform>
        </translation>
    </message>
    <message>
        <source>installed</source>
        <translation>installiert</translation>
    </message>
    <message>
        <source>in use</source>
        <translation>aktiv</translation>
    </message>
    <message>
        <source>%1 (paired)</source>
        <translation>%1 (gepaart)</translation>
    </message>
    <message>
        <source>From the latest comparison with the model in use, through the full assessment</source>
        <translation>Aus dem letzten Vergleich mit dem aktiven Modell, über die vollständige Auswertung</translation>
    </message>
    <message>
        <source>%1 (in training)</source>
        <translation>%1 (im Training)</translation>
    </message>
    <message>
        <source>Measured by the training job on the prepared check-set films; Compare gives the paired test</source>
        <translation>Vom Trainingsauftrag auf den vorbereiteten Prüfset-Aufnahmen gemessen; „Vergleichen“ liefert den gepaarten Test</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>The model registry cannot be read: %1</source>
        <translation>Das Modellregister kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Model version %1&lt;/b&gt; (%2, %3)</source>
        <translation>&lt;b&gt;Modellversion %1&lt;/b&gt; (%2, %3)</translation>
    </message>
    <message>
        <source>Base: %1</source>
        <translation>Basis: %1</translation>
    </message>
    <message>
        <source>Base SHA-256 (model cards): %1</source>
        <translation>SHA-256 der Basis (Modellkarten): %1</translation>
    </message>
    <message>
        <source>Training cases: %1 (the check set is never among them); readings hash %2</source>
        <translation>Trainingsfälle: %1 (das Prüfset ist nie darunter); Hash der Befunde %2</translation>
    </message>
    <message>
        <source>Recipe %1, time budget %2 min, at most %3 epochs%4</source>
        <translation>Rezept %1, Zeitbudget %2 min, höchstens %3 Epochen%4</translation>
    </message>
    <message>
        <source>, readings shuffled (a negative control)</source>
        <translation>, Befunde vertauscht (eine Negativkontrolle)</translation>
    </message>
    <message>
        <source>Command: %1</source>
        <translation>Befehl: %1</translation>
    </message>
    <message>
        <source>Seed %1, device %2</source>
        <translation>Seed %1, Gerät %2</translation>
    </message>
    <message>
        <source>Created %1, finished %2</source>
        <translation>Erstellt %1, beendet %2</translation>
    </message>
    <message>
        <source>Package SHA-256 (model cards): %1</source>
        <translation>SHA-256 des Pakets (Modellkarten): %1</translation>
    </message>
    <message>
        <source>Message: %1</source>
        <translation>Meldung: %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;The installed models&lt;/b&gt; (%1)</source>
        <translation>&lt;b&gt;Die installierten Modelle&lt;/b&gt; (%1)</translation>
    </message>
    <message>
        <source>%1: %2 became the model in use (%3)</source>
        <translation>%1: %2 wurde das aktive Modell (%3)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Activation log&lt;/b&gt;</source>
        <translation>&lt;b&gt;Aktivierungsprotokoll&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Model version %1 cannot be compared: %2</source>
        <translation>Modellversion %1 kann nicht verglichen werden: %2</translation>
    </message>
    <message numerus="yes">
        <source>Comparing %1 with %2 on %n check-set film(s)…</source>
        <translation>
            <numerusform>%1 wird auf %n Prüfset-Aufnahme mit %2 verglichen…</numerusform>
            <numerusform>%1 wird auf %n Prüfset-Aufnahmen mit %2 verglichen…</numerusform>
        </translation>
    </message>
    <message>
        <source>%v of %m films</source>
        <translation>%v von %m Aufnahmen</translation>
    </message>
    <message>
        <source>The comparison failed: %1</source>
        <translation>Der Vergleich ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>The comparison was cancelled.</source>
        <translation>Der Vergleich wurde abgebrochen.</translation>
    </message>
    <message>
        <source>The comparison was not stored: %1</source>
        <translation>Der Vergleich wurde nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>Model version %1 on the check set: MAE %2 months against %3; %4</source>
        <translation>Modellversion %1 auf dem Prüfset: MAE %2 Monate gegenüber %3; %4</translation>
    </message>
    <message>
        <source>better, it may be promoted</source>
        <translation>besser, sie darf freigegeben werden</translation>
    </message>
    <message>
        <source>not shown to be better</source>
        <translation>nicht als besser belegt</translation>
    </message>
    <message>
        <source>%1 is now the bone age model in use (%2).</source>
        <translation>%1 ist jetzt das aktive Knochenalter-Modell (%2).</translation>
    </message>
    <message>
        <source>Nothing was changed: %1</source>
        <translation>Nichts wurde geändert: %1</translation>
    </message>
    <message>
        <source>An override needs a written reason: nothing was changed.</source>
        <translation>Eine Ausnahme braucht eine schriftliche Begründung: nichts wurde geändert.</translation>
    </message>
    <message>
        <source>&amp;Grow Check Set</source>
        <translation>Prüfset &amp;vergrößern</translation>
    </message>
    <message>
        <source>Cases read after the check set was drawn go to training. This adds read cases that no version has trained on to the check set, back to 20 % of the read cases</source>
        <translation>Fälle, die nach dem Ziehen des Prüfsets befundet wurden, gehen ins Training. Dies nimmt befundete Fälle, mit denen noch keine Version trainiert wurde, ins Prüfset auf, bis es wieder 20 % der befundeten Fälle umfasst</translation>
    </message>
    <message>
        <source>The check set is already 20 % of the read cases, or no read case that no version has trained on is left to add.</source>
        <translation>Das Prüfset umfasst bereits 20 % der befundeten Fälle, oder es ist kein befundeter Fall mehr übrig, mit dem keine Version trainiert wurde.</translation>
    </message>
    <message numerus="yes">
        <source>The check set grew by %n case(s); it now holds %1.</source>
        <translation>
            <numerusform>Das Prüfset wurde um %n Fall vergrößert; es umfasst jetzt %1.</numerusform>
            <numerusform>Das Prüfset wurde um %n Fälle vergrößert; es umfasst jetzt %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;Bone age model in use: %1; hand landmark model in use: %2.&lt;/b&gt; Check set: %3. Nothing is promoted by itself: a version is used only after Promote (or an override with a written reason).</source>
        <translation>&lt;b&gt;Aktives Knochenalter-Modell: %1; aktives Handlandmarken-Modell: %2.&lt;/b&gt; Prüfset: %3. Nichts wird von selbst freigegeben: eine Version wird erst nach Freigeben (oder einer Übersteuerung mit schriftlicher Begründung) verwendet.</translation>
    </message>
    <message>
        <source>bone age in use</source>
        <translation>Knochenalter aktiv</translation>
    </message>
    <message>
        <source>landmarks in use</source>
        <translation>Landmarken aktiv</translation>
    </message>
    <message>
        <source>keypoint error %1 (paired)</source>
        <translation>Keypoint-Fehler %1 (gepaart)</translation>
    </message>
    <message>
        <source>Mean keypoint error on the check-set hands, as a fraction of the hand scale (wrist to middle-finger MCP), from the latest comparison with the landmark model in use</source>
        <translation>Mittlerer Keypoint-Fehler an den Händen des Prüfsets, als Anteil der Handgröße (Handgelenk bis Mittelfinger-MCP), aus dem letzten Vergleich mit dem aktiven Landmarken-Modell</translation>
    </message>
    <message>
        <source>keypoint error %1 (in training)</source>
        <translation>Keypoint-Fehler %1 (im Training)</translation>
    </message>
    <message>
        <source>Measured by the training job on the prepared check-set hands; Compare gives the paired test</source>
        <translation>Vom Trainingsauftrag an den vorbereiteten Händen des Prüfsets gemessen; Vergleichen liefert den gepaarten Test</translation>
    </message>
    <message>
        <source>Hand landmark model, %1 check-set hands: mean keypoint error of %2 %3, of %4 %5 (fractions of the hand scale, wrist to middle-finger MCP). Difference %6, 95 % interval [%7, %8]: %9.</source>
        <translation>Handlandmarken-Modell, %1 Hände des Prüfsets: mittlerer Keypoint-Fehler von %2 %3, von %4 %5 (Anteile der Handgröße, Handgelenk bis Mittelfinger-MCP). Differenz %6, 95-%-Intervall [%7, %8]: %9.</translation>
    </message>
    <message numerus="yes">
        <source>Comparing the hand landmark models %1 and %2 on %n check-set hand(s)…</source>
        <translation>
            <numerusform>Die Handlandmarken-Modelle %1 und %2 werden an %n Hand des Prüfsets verglichen…</numerusform>
            <numerusform>Die Handlandmarken-Modelle %1 und %2 werden an %n Händen des Prüfsets verglichen…</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 is now the hand landmark model in use (%2).</source>
        <translation>%1 ist jetzt das aktive Handlandmarken-Modell (%2).</translation>
    </message>
</context>
<context>
    <name>boneage::ui::QueryPanel</name>
    <message>
        <source>Search</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <source>Retrieve and Open</source>
        <translation>Abrufen und öffnen</translation>
    </message>
    <message>
        <source>e.g. DOE^J*</source>
        <translation>z. B. MUSTER^J*</translation>
    </message>
    <message>
        <source>DICOM wildcards: * any characters, ? one character.</source>
        <translation>DICOM-Platzhalter: * beliebige Zeichen, ? ein Zeichen.</translation>
    </message>
    <message>
        <source>YYYYMMDD or YYYYMMDD-YYYYMMDD</source>
        <translation>JJJJMMTT oder JJJJMMTT-JJJJMMTT (YYYYMMDD)</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <source>Patient ID</source>
        <translation>Patienten-ID</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>Geschlecht</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>Geburtsdatum</translation>
    </message>
    <message>
        <source>Study date</source>
        <translation>Untersuchungsdatum</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Modalities</source>
        <translation>Modalitäten</translation>
    </message>
    <message>
        <source>Instances</source>
        <translation>Instanzen</translation>
    </message>
    <message>
        <source>Retrieves the chosen study (C-GET) and opens its hand films.</source>
        <translation>Ruft die gewählte Untersuchung ab (C-GET) und öffnet ihre Handaufnahmen.</translation>
    </message>
    <message>
        <source>PACS</source>
        <translation>PACS</translation>
    </message>
    <message>
        <source>Patient name</source>
        <translation>Patientenname</translation>
    </message>
    <message>
        <source>Accession number</source>
        <translation>Auftragsnummer</translation>
    </message>
    <message>
        <source>The study date &apos;%1&apos; is not a date: write YYYYMMDD, or a range YYYYMMDD-YYYYMMDD</source>
        <translation>Das Untersuchungsdatum „%1“ ist kein Datum: Schreiben Sie YYYYMMDD (JJJJMMTT) oder einen Bereich YYYYMMDD-YYYYMMDD</translation>
    </message>
    <message>
        <source>Searching %1…</source>
        <translation>%1 wird durchsucht…</translation>
    </message>
    <message>
        <source>No study on %1 matches.</source>
        <translation>Keine Untersuchung auf %1 passt.</translation>
    </message>
    <message>
        <source>Study %1, accession %2</source>
        <translation>Untersuchung %1, Auftragsnummer %2</translation>
    </message>
    <message>
        <source>Choose a study to retrieve.</source>
        <translation>Wählen Sie eine Untersuchung zum Abrufen.</translation>
    </message>
    <message>
        <source>Retrieving the study of %1 from %2…</source>
        <translation>Die Untersuchung von %1 wird von %2 abgerufen…</translation>
    </message>
    <message>
        <source>The study holds no hand film (%1 other objects: reports, results, other images).</source>
        <translation>Die Untersuchung enthält keine Handaufnahme (%1 andere Objekte: Berichte, Ergebnisse, andere Bilder).</translation>
    </message>
    <message>
        <source>Retrieved from %1: %2 films to open, %3 other objects (reports, results).</source>
        <translation>Von %1 abgerufen: %2 Aufnahmen zum Öffnen, %3 andere Objekte (Berichte, Ergebnisse).</translation>
    </message>
    <message>
        <source>Studies on %1: %2.</source>
        <translation>Untersuchungen auf %1: %2.</translation>
    </message>
</context>
<context>
    <name>boneage::ui::ReadingForm</name>
    <message>
        <source>Greulich-Pyle</source>
        <translation>Greulich-Pyle</translation>
    </message>
    <message>
        <source>TW3</source>
        <translation>TW3</translation>
    </message>
    <message>
        <source>other</source>
        <translation>andere</translation>
    </message>
    <message>
        <source>&amp;Save Reading</source>
        <translation>Befund &amp;speichern</translation>
    </message>
    <message>
        <source> months</source>
        <translation> Monate</translation>
    </message>
    <message>
        <source>Your bone age in months (0 to 240)</source>
        <translation>Ihr Knochenalter in Monaten (0 bis 240)</translation>
    </message>
    <message>
        <source> y</source>
        <translation> J</translation>
    </message>
    <message>
        <source> m</source>
        <translation> M</translation>
    </message>
    <message>
        <source>The same age in years and months</source>
        <translation>Dasselbe Alter in Jahren und Monaten</translation>
    </message>
    <message>
        <source>not given</source>
        <translation>nicht angegeben</translation>
    </message>
    <message>
        <source>low</source>
        <translation>niedrig</translation>
    </message>
    <message>
        <source>medium</source>
        <translation>mittel</translation>
    </message>
    <message>
        <source>high</source>
        <translation>hoch</translation>
    </message>
    <message>
        <source>Comment (optional)</source>
        <translation>Kommentar (optional)</translation>
    </message>
    <message>
        <source>or</source>
        <translation>oder</translation>
    </message>
    <message>
        <source>Bone age:</source>
        <translation>Knochenalter:</translation>
    </message>
    <message>
        <source>Method:</source>
        <translation>Methode:</translation>
    </message>
    <message>
        <source>Confidence:</source>
        <translation>Sicherheit:</translation>
    </message>
    <message>
        <source>Comment:</source>
        <translation>Kommentar:</translation>
    </message>
    <message>
        <source>Open a case of the workspace to read it.</source>
        <translation>Öffnen Sie einen Fall des Arbeitsbereichs, um ihn zu befunden.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Your reading of case %1&lt;/b&gt;</source>
        <translation>&lt;b&gt;Ihr Befund zu Fall %1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>No reading of this case yet.</source>
        <translation>Zu diesem Fall gibt es noch keinen Befund.</translation>
    </message>
    <message>
        <source>%1: %2 months (%3), %4</source>
        <translation>%1: %2 Monate (%3), %4</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 (you)&lt;/b&gt;</source>
        <translation>&lt;b&gt;%1 (Sie)&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Reader vs reader&lt;/b&gt;</source>
        <translation>&lt;b&gt;Befunder gegen Befunder&lt;/b&gt;</translation>
    </message>
    <message>
        <source>%1 − %2: %3 months</source>
        <translation>%1 − %2: %3 Monate</translation>
    </message>
    <message>
        <source>&lt;b&gt;Reader vs model&lt;/b&gt; (model %1 months)</source>
        <translation>&lt;b&gt;Befunder gegen Modell&lt;/b&gt; (Modell %1 Monate)</translation>
    </message>
    <message>
        <source>%1 − model: %2 months</source>
        <translation>%1 − Modell: %2 Monate</translation>
    </message>
    <message>
        <source>&lt;i&gt;Research use, not a medical device.&lt;/i&gt;</source>
        <translation>&lt;i&gt;Nur für die Forschung, kein Medizinprodukt.&lt;/i&gt;</translation>
    </message>
</context>
<context>
    <name>boneage::ui::RoiGallery</name>
    <message>
        <source>not placed</source>
        <translation>nicht platziert</translation>
    </message>
    <message>
        <source>Stage:</source>
        <translation>Stadium:</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>%1 px</source>
        <translation>%1 px</translation>
    </message>
    <message>
        <source>stage %1</source>
        <translation>Stadium %1</translation>
    </message>
    <message>
        <source>%1%2 mo</source>
        <translation>%1%2 Mo</translation>
    </message>
    <message>
        <source>&lt;b&gt;TW3 ROIs&lt;/b&gt; at film resolution, upright with their bones; click one to centre the view on it.</source>
        <translation>&lt;b&gt;TW3-ROIs&lt;/b&gt; in Aufnahmeauflösung, aufgerichtet mit ihrem Knochen; ein Klick zentriert die Ansicht darauf.</translation>
    </message>
    <message>
        <source>No ROIs: the hand was not found or no case is open.</source>
        <translation>Keine ROIs: Die Hand wurde nicht gefunden oder kein Fall ist geöffnet.</translation>
    </message>
    <message>
        <source>Weighed most for %1 (estimate minus the estimate with the ROI masked): %2</source>
        <translation>Am stärksten gewichtet für %1 (Schätzung minus Schätzung mit maskierter ROI): %2</translation>
    </message>
</context>
<context>
    <name>boneage::ui::RoiLayer</name>
    <message>
        <source>TW3 regions</source>
        <translation>TW3-Regionen</translation>
    </message>
    <message>
        <source>RUS bones (radius, ulna, short bones)</source>
        <translation>RUS-Knochen (Radius, Ulna, kurze Röhrenknochen)</translation>
    </message>
    <message>
        <source>Carpal bones</source>
        <translation>Handwurzelknochen</translation>
    </message>
    <message>
        <source>ROI that weighed most for the model&apos;s estimate</source>
        <translation>ROI mit dem größten Gewicht für die Schätzung des Modells</translation>
    </message>
    <message>
        <source>ROI that weighed least</source>
        <translation>ROI mit dem geringsten Gewicht</translation>
    </message>
</context>
<context>
    <name>boneage::ui::SendDialog</name>
    <message>
        <source>Test Connection</source>
        <translation>Verbindung testen</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>Structured report (DICOM SR): each model&apos;s estimate, the interval, the readings, the ROIs and keypoints</source>
        <translation>Strukturierter Bericht (DICOM SR): die Schätzung jedes Modells, das Intervall, die Befunde, die ROIs und Keypoints</translation>
    </message>
    <message>
        <source>Secondary capture: the film with the overlays and the result burned in</source>
        <translation>Secondary Capture: die Aufnahme mit eingebrannten Überlagerungen und Ergebnis</translation>
    </message>
    <message>
        <source>The PDF report, encapsulated in DICOM</source>
        <translation>Der PDF-Bericht, in DICOM eingebettet</translation>
    </message>
    <message>
        <source>Send to PACS</source>
        <translation>An PACS senden</translation>
    </message>
    <message>
        <source>Asks the node whether it answers and accepts this workstation (C-ECHO).</source>
        <translation>Fragt den Knoten, ob er antwortet und diese Workstation annimmt (C-ECHO).</translation>
    </message>
    <message>
        <source>The film (%1)</source>
        <translation>Die Aufnahme (%1)</translation>
    </message>
    <message>
        <source>The film (%1): not a DICOM file, so it cannot be sent</source>
        <translation>Die Aufnahme (%1): keine DICOM-Datei, daher kann sie nicht gesendet werden</translation>
    </message>
    <message>
        <source>What to send</source>
        <translation>Was gesendet wird</translation>
    </message>
    <message>
        <source>The results go into the study of the film, as a new series. Research software, not a certified medical device: the results must be reviewed by a radiologist.</source>
        <translation>Die Ergebnisse kommen als neue Serie in die Untersuchung der Aufnahme. Forschungssoftware, kein zertifiziertes Medizinprodukt: Die Ergebnisse müssen radiologisch geprüft werden.</translation>
    </message>
    <message>
        <source>Object</source>
        <translation>Objekt</translation>
    </message>
    <message>
        <source>SOP Instance UID</source>
        <translation>SOP Instance UID</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Send to</source>
        <translation>Senden an</translation>
    </message>
    <message>
        <source>Asking %1…</source>
        <translation>%1 wird gefragt…</translation>
    </message>
    <message>
        <source>%1 answered (C-ECHO, %2 ms).</source>
        <translation>%1 hat geantwortet (C-ECHO, %2 ms).</translation>
    </message>
    <message>
        <source>Film</source>
        <translation>Aufnahme</translation>
    </message>
    <message>
        <source>Cannot make a temporary folder for the result objects.</source>
        <translation>Für die Ergebnisobjekte kann kein temporärer Ordner angelegt werden.</translation>
    </message>
    <message>
        <source>The result objects could not all be written.</source>
        <translation>Die Ergebnisobjekte konnten nicht alle geschrieben werden.</translation>
    </message>
    <message>
        <source>Structured report</source>
        <translation>Strukturierter Bericht</translation>
    </message>
    <message>
        <source>Secondary capture</source>
        <translation>Secondary Capture</translation>
    </message>
    <message>
        <source>PDF report</source>
        <translation>PDF-Bericht</translation>
    </message>
    <message>
        <source>Tick what to send.</source>
        <translation>Haken Sie an, was gesendet werden soll.</translation>
    </message>
    <message>
        <source>Sending %1 objects to %2…</source>
        <translation>%1 Objekte werden an %2 gesendet…</translation>
    </message>
    <message>
        <source>stored</source>
        <translation>gespeichert</translation>
    </message>
    <message>
        <source>%1 of %2 objects stored on %3.</source>
        <translation>%1 von %2 Objekten auf %3 gespeichert.</translation>
    </message>
    <message>
        <source>%1 of %2 objects stored on %3; see the table for what was refused.</source>
        <translation>%1 von %2 Objekten auf %3 gespeichert; was abgelehnt wurde, steht in der Tabelle.</translation>
    </message>
</context>
<context>
    <name>boneage::ui::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Automatic: the GPU when available, else the CPU</source>
        <translation>Automatisch: die GPU, falls vorhanden, sonst die CPU</translation>
    </message>
    <message>
        <source>CPU only</source>
        <translation>Nur CPU</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <source>, boys</source>
        <translation>, Jungen</translation>
    </message>
    <message>
        <source>, girls</source>
        <translation>, Mädchen</translation>
    </message>
    <message>
        <source>%1 (cannot be used: %2)</source>
        <translation>%1 (nicht verwendbar: %2)</translation>
    </message>
    <message>
        <source>Run the models on</source>
        <translation>Modelle ausführen auf</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>Device and language changes take effect when the workstation is started again.</source>
        <translation>Änderungen von Gerät und Sprache werden beim nächsten Start der Workstation wirksam.</translation>
    </message>
    <message>
        <source>Installed models (in %1)</source>
        <translation>Installierte Modelle (in %1)</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>Gewicht</translation>
    </message>
    <message>
        <source>Weight in the ensemble mean (1 = equal; 0 = shown but not averaged)</source>
        <translation>Gewicht im Ensemble-Mittelwert (1 = gleich; 0 = angezeigt, aber nicht gemittelt)</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Auswählen…</translation>
    </message>
    <message>
        <source>The shipped reference atlas</source>
        <translation>Der mitgelieferte Referenzatlas</translation>
    </message>
    <message>
        <source>Atlas folder</source>
        <translation>Atlasordner</translation>
    </message>
    <message>
        <source>Choose an atlas folder</source>
        <translation>Atlasordner auswählen</translation>
    </message>
    <message>
        <source> months</source>
        <translation> Monate</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>A result whose 90 % prediction interval is wider than this is marked &quot;review required&quot;.</source>
        <translation>Ein Ergebnis, dessen 90-%-Vorhersageintervall breiter ist, wird als „Prüfung erforderlich“ markiert.</translation>
    </message>
    <message>
        <source>Review when the interval is wider than</source>
        <translation>Prüfen, wenn das Intervall breiter ist als</translation>
    </message>
    <message>
        <source>Ticked models are run. With weights left at 1 the ensemble uses the weights fitted on held-out films (models/ensemble.json) and shows its calibrated interval; any other weight replaces them, and no interval is shown.</source>
        <translation>Angehakte Modelle werden ausgeführt. Bleiben alle Gewichte bei 1, verwendet das Ensemble die an zurückgehaltenen Aufnahmen angepassten Gewichte (models/ensemble.json) und zeigt sein kalibriertes Intervall; jedes andere Gewicht ersetzt sie, und es wird kein Intervall angezeigt.</translation>
    </message>
    <message>
        <source>The AE title this workstation calls the PACS with; the PACS must know it.</source>
        <translation>Der AE-Titel, mit dem diese Workstation das PACS ruft; das PACS muss ihn kennen.</translation>
    </message>
    <message>
        <source>One node per line: AET@HOST:PORT, e.g. PACS@10.0.0.5:104</source>
        <translation>Ein Knoten pro Zeile: AET@HOST:PORT, z. B. PACS@10.0.0.5:104</translation>
    </message>
    <message>
        <source>Our AE title</source>
        <translation>Unser AE-Titel</translation>
    </message>
    <message>
        <source>DICOM nodes (PACS)</source>
        <translation>DICOM-Knoten (PACS)</translation>
    </message>
</context>
<context>
    <name>boneage::ui::TrainingCurves</name>
    <message>
        <source>Training loss</source>
        <translation>Trainingsverlust</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <source>Check-set MAE</source>
        <translation>MAE im Prüfset</translation>
    </message>
    <message>
        <source>months</source>
        <translation>Monate</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>Epoche</translation>
    </message>
    <message>
        <source>Check-set keypoint error</source>
        <translation>Keypoint-Fehler im Prüfset</translation>
    </message>
    <message>
        <source>fraction of the hand scale</source>
        <translation>Anteil der Handgröße</translation>
    </message>
</context>
<context>
    <name>boneage::ui::TrainingJobRunner</name>
    <message>
        <source>the boneage program was not found beside the workstation (%1) or on the PATH; install it there or name it in BONEAGE_COMMAND</source>
        <translation>das Programm boneage wurde weder neben der Workstation (%1) noch im PATH gefunden; installieren Sie es dort oder nennen Sie es in BONEAGE_COMMAND</translation>
    </message>
    <message>
        <source>model version %1</source>
        <translation>Modellversion %1</translation>
    </message>
</context>
<context>
    <name>boneage::ui::TrainingPanel</name>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>done</source>
        <translation>fertig</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>&amp;Start Training</source>
        <translation>Training &amp;starten</translation>
    </message>
    <message>
        <source>&amp;Cancel Job</source>
        <translation>Auftrag a&amp;bbrechen</translation>
    </message>
    <message>
        <source>&amp;Remove from Queue</source>
        <translation>Aus der Warteschlange &amp;entfernen</translation>
    </message>
    <message>
        <source>Res&amp;ume</source>
        <translation>&amp;Fortsetzen</translation>
    </message>
    <message>
        <source>Train a Model</source>
        <translation>Ein Modell trainieren</translation>
    </message>
    <message>
        <source>The model the training starts from: the installed models or a finished version of this workspace</source>
        <translation>Das Modell, von dem das Training ausgeht: die installierten Modelle oder eine fertige Version dieses Arbeitsbereichs</translation>
    </message>
    <message>
        <source>Bone age model (cases with a reading)</source>
        <translation>Knochenalter-Modell (Fälle mit Befund)</translation>
    </message>
    <message>
        <source>Hand landmark model (corrected keypoints)</source>
        <translation>Handlandmarken-Modell (korrigierte Keypoints)</translation>
    </message>
    <message>
        <source>Fine-tune (early blocks frozen)</source>
        <translation>Feinabstimmung (frühe Blöcke eingefroren)</translation>
    </message>
    <message>
        <source>Full (every layer trained)</source>
        <translation>Vollständig (jede Schicht wird trainiert)</translation>
    </message>
    <message>
        <source>Fine-tuning keeps the architecture&apos;s early blocks as they are and adapts the rest to the local films</source>
        <translation>Die Feinabstimmung lässt die frühen Blöcke der Architektur unverändert und passt den Rest an die lokalen Aufnahmen an</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>GPU (CUDA)</source>
        <translation>GPU (CUDA)</translation>
    </message>
    <message>
        <source>LibTorch sees no GPU on this computer</source>
        <translation>LibTorch sieht auf diesem Computer keine GPU</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Time budget of the whole job; the last epoch is cut short and still measured</source>
        <translation>Zeitbudget des ganzen Auftrags; die letzte Epoche wird gekürzt und trotzdem gemessen</translation>
    </message>
    <message>
        <source>At most this many epochs; the time budget usually ends the training first</source>
        <translation>Höchstens so viele Epochen; meist beendet das Zeitbudget das Training vorher</translation>
    </message>
    <message>
        <source>Queue the job; it starts when the jobs before it have ended</source>
        <translation>Den Auftrag einreihen; er beginnt, wenn die Aufträge davor beendet sind</translation>
    </message>
    <message>
        <source>Stop the running job after its current step; it keeps its checkpoint and can be resumed</source>
        <translation>Den laufenden Auftrag nach dem aktuellen Schritt anhalten; er behält seinen Checkpoint und kann fortgesetzt werden</translation>
    </message>
    <message>
        <source>Continue a failed or cancelled version from its last checkpoint, within what is left of its time budget</source>
        <translation>Eine fehlgeschlagene oder abgebrochene Version vom letzten Checkpoint fortsetzen, im verbleibenden Zeitbudget</translation>
    </message>
    <message>
        <source>The job&apos;s messages appear here</source>
        <translation>Die Meldungen des Auftrags erscheinen hier</translation>
    </message>
    <message>
        <source>Base model:</source>
        <translation>Basismodell:</translation>
    </message>
    <message>
        <source>Train:</source>
        <translation>Trainieren:</translation>
    </message>
    <message>
        <source>Recipe:</source>
        <translation>Rezept:</translation>
    </message>
    <message>
        <source>Device:</source>
        <translation>Gerät:</translation>
    </message>
    <message>
        <source>Time budget:</source>
        <translation>Zeitbudget:</translation>
    </message>
    <message>
        <source>Epochs at most:</source>
        <translation>Höchstens Epochen:</translation>
    </message>
    <message>
        <source>New job</source>
        <translation>Neuer Auftrag</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>Aufträge</translation>
    </message>
    <message>
        <source>Interrupted versions:</source>
        <translation>Unterbrochene Versionen:</translation>
    </message>
    <message>
        <source>Model version %1: starting</source>
        <translation>Modellversion %1: startet</translation>
    </message>
    <message>
        <source>Model version %1: %2</source>
        <translation>Modellversion %1: %2</translation>
    </message>
    <message>
        <source>— model version %1: %2 —</source>
        <translation>— Modellversion %1: %2 —</translation>
    </message>
    <message>
        <source>Not started: %1. %2</source>
        <translation>Nicht gestartet: %1. %2</translation>
    </message>
    <message>
        <source>Model version %1 (%2)</source>
        <translation>Modellversion %1 (%2)</translation>
    </message>
    <message>
        <source>%1 read cases: %2 in the check set (never trained on), %3 for training.</source>
        <translation>%1 befundete Fälle: %2 im Prüfset (nie zum Training verwendet), %3 für das Training.</translation>
    </message>
    <message>
        <source>%1 read cases. The first job draws the check set (%2 cases, never trained on) and trains on the others; at least %3 read cases are needed.</source>
        <translation>%1 befundete Fälle. Der erste Auftrag zieht das Prüfset (%2 Fälle, nie zum Training verwendet) und trainiert auf den übrigen; mindestens %3 befundete Fälle sind nötig.</translation>
    </message>
    <message>
        <source>The model registry cannot be read: %1</source>
        <translation>Das Modellregister kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Open a workspace to train on its read cases.</source>
        <translation>Öffnen Sie einen Arbeitsbereich, um auf seinen befundeten Fällen zu trainieren.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>Running: model version %1 – %2</source>
        <translation>Läuft: Modellversion %1 – %2</translation>
    </message>
    <message>
        <source>Queued: %1</source>
        <translation>Wartet: %1</translation>
    </message>
    <message>
        <source>No job running or queued</source>
        <translation>Kein Auftrag läuft oder wartet</translation>
    </message>
    <message>
        <source>The workspace is open read-only: no training.</source>
        <translation>Der Arbeitsbereich ist schreibgeschützt geöffnet: kein Training.</translation>
    </message>
    <message>
        <source>Open a workspace for writing to train on it.</source>
        <translation>Öffnen Sie einen Arbeitsbereich zum Schreiben, um darauf zu trainieren.</translation>
    </message>
    <message>
        <source>No base model: install the models or finish a version first.</source>
        <translation>Kein Basismodell: installieren Sie die Modelle oder stellen Sie zuerst eine Version fertig.</translation>
    </message>
    <message>
        <source>%1 from %2, %3, %4, %5 min</source>
        <translation>%1 ab %2, %3, %4, %5 min</translation>
    </message>
    <message>
        <source>Queued: it starts when the running job has ended.</source>
        <translation>Eingereiht: er beginnt, wenn der laufende Auftrag beendet ist.</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Startet…</translation>
    </message>
    <message>
        <source>resume model version %1</source>
        <translation>Modellversion %1 fortsetzen</translation>
    </message>
    <message>
        <source>Preparing the films for training</source>
        <translation>Die Aufnahmen werden für das Training vorbereitet</translation>
    </message>
    <message>
        <source>Measuring the base and the new model on the check set</source>
        <translation>Basis- und neues Modell werden auf dem Prüfset gemessen</translation>
    </message>
    <message>
        <source>Phase: %1</source>
        <translation>Phase: %1</translation>
    </message>
    <message>
        <source>Training %1 (%2 of %3)</source>
        <translation>Training von %1 (%2 von %3)</translation>
    </message>
    <message>
        <source>%1, epoch %2: loss %3, check-set MAE %4 months</source>
        <translation>%1, Epoche %2: Verlust %3, MAE im Prüfset %4 Monate</translation>
    </message>
    <message>
        <source>not measured</source>
        <translation>nicht gemessen</translation>
    </message>
    <message>
        <source>%1 finished</source>
        <translation>%1 fertig</translation>
    </message>
    <message>
        <source>The job ended: %1</source>
        <translation>Der Auftrag ist beendet: %1</translation>
    </message>
    <message>
        <source>Model version %1: %2 %, about %3 left</source>
        <translation>Modellversion %1: %2 %, noch etwa %3</translation>
    </message>
    <message>
        <source>Model version %1: %2 %</source>
        <translation>Modellversion %1: %2 %</translation>
    </message>
    <message>
        <source>Model version %1 is ready. It is not in use: compare it with the model in use in Models &gt; Model Versions.</source>
        <translation>Modellversion %1 ist fertig. Sie ist nicht aktiv: vergleichen Sie sie unter Modelle &gt; Modellversionen mit dem aktiven Modell.</translation>
    </message>
    <message>
        <source>Model version %1 was cancelled: %2</source>
        <translation>Modellversion %1 wurde abgebrochen: %2</translation>
    </message>
    <message>
        <source>Model version %1 failed: %2</source>
        <translation>Modellversion %1 ist fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>Installed models</source>
        <translation>Installierte Modelle</translation>
    </message>
    <message>
        <source>Prepared %1 films with the recipe %2 (%3 skipped)</source>
        <translation>%1 Aufnahmen mit dem Rezept %2 vorbereitet (%3 übersprungen)</translation>
    </message>
    <message>
        <source>Fine-tunes a hand landmark package on the read cases whose keypoints readers confirmed or corrected (at least %1 outside the check set and %2 in it)</source>
        <translation>Stimmt ein Handlandmarken-Paket auf den befundeten Fällen fein ab, deren Keypoints Befunder bestätigt oder korrigiert haben (mindestens %1 außerhalb des Prüfsets und %2 darin)</translation>
    </message>
    <message>
        <source>Installed landmark model</source>
        <translation>Installiertes Landmarken-Modell</translation>
    </message>
    <message>
        <source>%1 read cases with corrected keypoints: %2 in the check set (measured, never trained on), %3 for training.</source>
        <translation>%1 befundete Fälle mit korrigierten Keypoints: %2 im Prüfset (gemessen, nie zum Training verwendet), %3 für das Training.</translation>
    </message>
    <message>
        <source>%1 read cases with corrected keypoints. The first job draws the check set from the read cases; its hands are measured, never trained on.</source>
        <translation>%1 befundete Fälle mit korrigierten Keypoints. Der erste Auftrag zieht das Prüfset aus den befundeten Fällen; dessen Hände werden gemessen, nie zum Training verwendet.</translation>
    </message>
    <message>
        <source>%1, epoch %2: loss %3, check-set keypoint error %4 of the hand scale</source>
        <translation>%1, Epoche %2: Verlust %3, Keypoint-Fehler im Prüfset %4 der Handgröße</translation>
    </message>
</context>
<context>
    <name>boneage::ui::Worklist</name>
    <message>
        <source>All cases</source>
        <translation>Alle Fälle</translation>
    </message>
    <message>
        <source>Show the cases of one status</source>
        <translation>Die Fälle eines Status zeigen</translation>
    </message>
    <message>
        <source>Filter: case, file, sex…</source>
        <translation>Filter: Fall, Datei, Geschlecht…</translation>
    </message>
    <message numerus="yes">
        <source>%n case(s)</source>
        <translation>
            <numerusform>%n Fall</numerusform>
            <numerusform>%n Fälle</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n case(s) shown</source>
        <translation>
            <numerusform>%1 von %n Fall angezeigt</numerusform>
            <numerusform>%1 von %n Fällen angezeigt</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>boneage::ui::WorklistModel</name>
    <message>
        <source>new</source>
        <translation>neu</translation>
    </message>
    <message>
        <source>assessed</source>
        <translation>ausgewertet</translation>
    </message>
    <message>
        <source>annotated</source>
        <translation>annotiert</translation>
    </message>
    <message>
        <source>read</source>
        <translation>befundet</translation>
    </message>
    <message>
        <source>double-read</source>
        <translation>doppelt befundet</translation>
    </message>
    <message>
        <source>male</source>
        <translation>männlich</translation>
    </message>
    <message>
        <source>female</source>
        <translation>weiblich</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>Case %1, imported %2 from %3</source>
        <translation>Fall %1, importiert %2 aus %3</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Fall</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>Geschlecht</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Alter</translation>
    </message>
    <message>
        <source>Model (months)</source>
        <translation>Modell (Monate)</translation>
    </message>
    <message>
        <source>Reading (months)</source>
        <translation>Befund (Monate)</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message numerus="yes">
        <source>%1, mean of %n reader(s)</source>
        <translation>
            <numerusform>%1, Mittel von %n Befunder</numerusform>
            <numerusform>%1, Mittel von %n Befundern</numerusform>
        </translation>
    </message>
</context>
</TS>
