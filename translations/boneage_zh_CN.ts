<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AgeText</name>
    <message>
        <source>%1 y %2 m</source>
        <comment>age: years and months</comment>
        <translation>%1 岁 %2 个月</translation>
    </message>
</context>
<context>
    <name>BoneAgeReport</name>
    <message>
        <source>%1 months (%2)</source>
        <translation>%1 个月（%2）</translation>
    </message>
    <message>
        <source>male</source>
        <translation>男</translation>
    </message>
    <message>
        <source>female</source>
        <translation>女</translation>
    </message>
    <message>
        <source>not recorded</source>
        <translation>未记录</translation>
    </message>
    <message>
        <source>delayed (below -2 SD)</source>
        <translation>延迟（低于 -2 SD）</translation>
    </message>
    <message>
        <source>advanced (above +2 SD)</source>
        <translation>提前（高于 +2 SD）</translation>
    </message>
    <message>
        <source>within +-2 SD</source>
        <translation>在 ±2 SD 以内</translation>
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
        <translation>其他</translation>
    </message>
    <message>
        <source>Research software, not a certified medical device. The estimates must be reviewed by a radiologist before any clinical use.</source>
        <translation>研究用软件，非经认证的医疗器械。任何临床使用前，估计结果须经放射科医师审核。</translation>
    </message>
    <message>
        <source>Bone Age Workstation %1 - report made %2 - research use only, not a medical device</source>
        <translation>Bone Age Workstation %1 - 报告生成于 %2 - 仅供研究使用，非医疗器械</translation>
    </message>
    <message>
        <source>page %1</source>
        <translation>第 %1 页</translation>
    </message>
    <message>
        <source>Patient and study</source>
        <translation>患者与检查</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>患者</translation>
    </message>
    <message>
        <source>Patient ID</source>
        <translation>患者 ID</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>Study date</source>
        <translation>检查日期</translation>
    </message>
    <message>
        <source>Accession number</source>
        <translation>检查号</translation>
    </message>
    <message>
        <source>Study</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>Chronological age</source>
        <translation>实际年龄</translation>
    </message>
    <message>
        <source>not known</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Film</source>
        <translation>影像</translation>
    </message>
    <message>
        <source>SOP Instance UID</source>
        <translation>SOP 实例 UID</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>fitted ensemble of %1 models</source>
        <translation>%1 个模型的拟合集成</translation>
    </message>
    <message>
        <source>mean of %1 models</source>
        <translation>%1 个模型的平均</translation>
    </message>
    <message>
        <source>one model</source>
        <translation>单个模型</translation>
    </message>
    <message>
        <source>Bone age %1</source>
        <translation>骨龄 %1</translation>
    </message>
    <message>
        <source>Estimate</source>
        <translation>估计</translation>
    </message>
    <message>
        <source>%1 % prediction interval</source>
        <translation>%1% 预测区间</translation>
    </message>
    <message>
        <source>%1 to %2 months (calibrated on held-out films)</source>
        <translation>%1 至 %2 个月（在留出影像上校准）</translation>
    </message>
    <message>
        <source>Interval</source>
        <translation>区间</translation>
    </message>
    <message>
        <source>Spread of the models</source>
        <translation>模型间差异</translation>
    </message>
    <message>
        <source>%1 months</source>
        <translation>%1 个月</translation>
    </message>
    <message>
        <source>Bone age - chronological age</source>
        <translation>骨龄 - 实际年龄</translation>
    </message>
    <message>
        <source>SDS</source>
        <translation>SDS</translation>
    </message>
    <message>
        <source>%1 (SD %2 months; %3)</source>
        <translation>%1（SD %2 个月；%3）</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>参考标准</translation>
    </message>
    <message>
        <source>Greulich-Pyle atlas, standard deviations of the Brush Foundation data</source>
        <translation>Greulich-Pyle 图谱，Brush Foundation 数据的标准差</translation>
    </message>
    <message>
        <source>not computed: %1</source>
        <translation>未计算：%1</translation>
    </message>
    <message>
        <source>not computed: the chronological age is not known</source>
        <translation>未计算：实际年龄未知</translation>
    </message>
    <message>
        <source>REVIEW REQUIRED: %1</source>
        <translation>需要审核：%1</translation>
    </message>
    <message>
        <source>Readers&apos; readings</source>
        <translation>阅片者读数</translation>
    </message>
    <message>
        <source>No reading recorded for this film.</source>
        <translation>该影像没有记录读数。</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>%1 months from the models</source>
        <translation>与模型相差 %1 个月</translation>
    </message>
    <message>
        <source>confidence %1</source>
        <translation>置信度 %1</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>bone age %1</source>
        <translation>骨龄 %1</translation>
    </message>
    <message>
        <source>held-out MAE %1 months</source>
        <translation>留出集 MAE %1 个月</translation>
    </message>
    <message>
        <source>package %1, weights SHA-256 %2</source>
        <translation>模型包 %1，权重 SHA-256 %2</translation>
    </message>
    <message>
        <source>%1, confidence %2</source>
        <translation>%1，置信度 %2</translation>
    </message>
    <message>
        <source>refined by %1</source>
        <translation>由 %1 精修</translation>
    </message>
    <message>
        <source>Hand landmarks</source>
        <translation>手部关键点</translation>
    </message>
    <message>
        <source>refused: %1</source>
        <translation>已拒绝：%1</translation>
    </message>
    <message>
        <source>Film and atlas</source>
        <translation>影像与图谱</translation>
    </message>
    <message>
        <source>18 TW3 ROIs</source>
        <translation>18 个 TW3 ROI</translation>
    </message>
    <message>
        <source>hand keypoints</source>
        <translation>手部关键点</translation>
    </message>
    <message>
        <source>attention (relative)</source>
        <translation>注意力（相对）</translation>
    </message>
    <message>
        <source>The film in its default window</source>
        <translation>默认窗宽窗位下的影像</translation>
    </message>
    <message>
        <source>Atlas plate %1 (%2)</source>
        <translation>图谱板 %1（%2）</translation>
    </message>
    <message>
        <source>Atlas plate %1: picture missing</source>
        <translation>图谱板 %1：缺少图像</translation>
    </message>
    <message>
        <source>Bone age report</source>
        <translation>骨龄报告</translation>
    </message>
    <message>
        <source>Bone age %1 months (%2)</source>
        <translation>骨龄 %1 个月（%2）</translation>
    </message>
    <message>
        <source>%1 % interval %2 to %3 months</source>
        <translation>%1% 区间 %2 至 %3 个月</translation>
    </message>
    <message>
        <source>chronological age %1 months</source>
        <translation>实际年龄 %1 个月</translation>
    </message>
    <message>
        <source>difference %1 months, SDS %2 (Greulich-Pyle)</source>
        <translation>差值 %1 个月，SDS %2（Greulich-Pyle）</translation>
    </message>
    <message>
        <source>reading by %1: %2 months</source>
        <translation>%1 的读数：%2 个月</translation>
    </message>
    <message>
        <source>models: %1</source>
        <translation>模型：%1</translation>
    </message>
    <message>
        <source>Research software, not a certified medical device. Must be reviewed by a radiologist.</source>
        <translation>研究用软件，非经认证的医疗器械。须经放射科医师审核。</translation>
    </message>
    <message>
        <source>No atlas plates: %1</source>
        <translation>没有图谱板：%1</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>%1 (%2 months)</source>
        <translation>%1（%2 个月）</translation>
    </message>
</context>
<context>
    <name>RadiographCase</name>
    <message>
        <source>Not assessed</source>
        <translation>未评估</translation>
    </message>
    <message>
        <source>Assessing…</source>
        <translation>正在评估…</translation>
    </message>
    <message>
        <source>Bone age %1</source>
        <translation>骨龄 %1</translation>
    </message>
    <message>
        <source>Assessed</source>
        <translation>已评估</translation>
    </message>
    <message>
        <source>Assessment failed</source>
        <translation>评估失败</translation>
    </message>
    <message>
        <source>Cannot be read</source>
        <translation>无法读取</translation>
    </message>
    <message>
        <source>birth and study dates</source>
        <translation>出生日期和检查日期</translation>
    </message>
    <message>
        <source>birth and study dates in the file</source>
        <translation>文件中的出生日期和检查日期</translation>
    </message>
    <message>
        <source>Patient&apos;s Age in the file</source>
        <translation>文件中的患者年龄（Patient&apos;s Age）</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <comment>headline: reader&apos;s message</comment>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>File not found</source>
        <translation>文件未找到</translation>
    </message>
    <message>
        <source>Not a file</source>
        <translation>不是文件</translation>
    </message>
    <message>
        <source>The file is empty</source>
        <translation>文件为空</translation>
    </message>
    <message>
        <source>The image is too large</source>
        <translation>图像过大</translation>
    </message>
    <message>
        <source>Not a DICOM, PNG, JPEG, TIFF or JPEG 2000 file</source>
        <translation>不是 DICOM、PNG、JPEG、TIFF 或 JPEG 2000 文件</translation>
    </message>
    <message>
        <source>The file is damaged</source>
        <translation>文件已损坏</translation>
    </message>
    <message>
        <source>The file is incomplete (truncated)</source>
        <translation>文件不完整（被截断）</translation>
    </message>
    <message>
        <source>The DICOM file holds no image</source>
        <translation>DICOM 文件不包含图像</translation>
    </message>
    <message>
        <source>Unsupported DICOM compression (transfer syntax)</source>
        <translation>不支持的 DICOM 压缩（传输语法）</translation>
    </message>
    <message>
        <source>Unsupported image type (multi-frame, colour or unusual layout)</source>
        <translation>不支持的图像类型（多帧、彩色或特殊布局）</translation>
    </message>
    <message>
        <source>Not a projection radiograph (wrong modality)</source>
        <translation>不是投影 X 线片（模态不符）</translation>
    </message>
    <message>
        <source>Required data is missing</source>
        <translation>缺少必需的数据</translation>
    </message>
    <message>
        <source>No hand found in the image</source>
        <translation>图像中未找到手部</translation>
    </message>
    <message>
        <source>The file cannot be read</source>
        <translation>无法读取该文件</translation>
    </message>
    <message>
        <source>Review required</source>
        <translation>需要复核</translation>
    </message>
</context>
<context>
    <name>boneage::ui::AnchorLayer</name>
    <message>
        <source>PRSNet anchors</source>
        <translation>PRSNet 锚点</translation>
    </message>
    <message>
        <source>part %1: %2</source>
        <translation>部位 %1：%2</translation>
    </message>
    <message>
        <source>part %1</source>
        <translation>部位 %1</translation>
    </message>
    <message>
        <source>1st selected part (label: its anchor score)</source>
        <translation>第 1 个选中部位（标签：其锚点得分）</translation>
    </message>
    <message>
        <source>2nd selected part</source>
        <translation>第 2 个选中部位</translation>
    </message>
    <message>
        <source>3rd selected part</source>
        <translation>第 3 个选中部位</translation>
    </message>
    <message>
        <source>No installed PRSNet model</source>
        <translation>未安装 PRSNet 模型</translation>
    </message>
    <message>
        <source>Assess the film with a PRSNet model to see its selected anchors</source>
        <translation>请用 PRSNet 模型评估此 X线片以查看其选中的锚点</translation>
    </message>
</context>
<context>
    <name>boneage::ui::AnnotationActions</name>
    <message>
        <source>&amp;Annotate</source>
        <translation>标注(&amp;A)</translation>
    </message>
    <message>
        <source>Edit the hand keypoints and TW3 boxes on the film</source>
        <translation>在片子上编辑手部关键点和 TW3 框</translation>
    </message>
    <message>
        <source>&amp;Select and Move</source>
        <translation>选择和移动(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Keypoints Only</source>
        <translation>仅关键点(&amp;K)</translation>
    </message>
    <message>
        <source>TW3 &amp;Boxes Only</source>
        <translation>仅 TW3 框(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Next Item</source>
        <translation>下一项(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Previous Item</source>
        <translation>上一项(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Confirm Item</source>
        <translation>确认此项(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Lock or Unlock Item</source>
        <translation>锁定或解锁此项(&amp;L)</translation>
    </message>
    <message>
        <source>Stage %1</source>
        <translation>分期 %1</translation>
    </message>
    <message>
        <source>&amp;No Stage</source>
        <translation>无分期(&amp;N)</translation>
    </message>
    <message>
        <source>%1 is locked: unlock it (L) first.</source>
        <translation>%1 已锁定：请先解锁 (L)。</translation>
    </message>
    <message>
        <source>%1: nothing to change.</source>
        <translation>%1：没有可更改的内容。</translation>
    </message>
    <message>
        <source>No proposed items left to confirm.</source>
        <translation>没有待确认的建议项。</translation>
    </message>
    <message>
        <source> or </source>
        <translation> 或 </translation>
    </message>
    <message>
        <source>TW3 stage A … I of the selected box</source>
        <translation>所选框的 TW3 分期 A … I</translation>
    </message>
    <message>
        <source>Shift+A … Shift+I</source>
        <translation>Shift+A … Shift+I</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Select an item</source>
        <translation>选择一项</translation>
    </message>
    <message>
        <source>Click it</source>
        <translation>单击它</translation>
    </message>
    <message>
        <source>Move a keypoint or a box</source>
        <translation>移动关键点或框</translation>
    </message>
    <message>
        <source>Drag it</source>
        <translation>拖动它</translation>
    </message>
    <message>
        <source>Resize a box</source>
        <translation>调整框大小</translation>
    </message>
    <message>
        <source>Drag a corner, or an edge of the selected box</source>
        <translation>拖动角点，或所选框的边</translation>
    </message>
    <message>
        <source>Place a cleared item</source>
        <translation>放置已清除的项</translation>
    </message>
    <message>
        <source>Select it (N), then click or drag on the film</source>
        <translation>先选择它 (N)，然后在片子上单击或拖动</translation>
    </message>
    <message>
        <source>Pan / window and level</source>
        <translation>平移 / 窗宽窗位</translation>
    </message>
    <message>
        <source>Drag empty film / right-drag</source>
        <translation>拖动空白处 / 右键拖动</translation>
    </message>
    <message>
        <source>Annotation Shortcuts</source>
        <translation>标注快捷键</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Key or mouse</source>
        <translation>按键或鼠标</translation>
    </message>
    <message>
        <source>TW3 S&amp;tage</source>
        <translation>TW3 分期(&amp;T)</translation>
    </message>
    <message>
        <source>Confirm All Proposed &amp;Items</source>
        <translation>确认所有建议项(&amp;I)</translation>
    </message>
    <message>
        <source>Skip or &amp;Restore Item</source>
        <translation>跳过或恢复此项(&amp;R)</translation>
    </message>
    <message>
        <source>Cl&amp;ear Item</source>
        <translation>清除此项(&amp;E)</translation>
    </message>
    <message>
        <source>Annotation S&amp;hortcuts…</source>
        <translation>标注快捷键(&amp;H)…</translation>
    </message>
</context>
<context>
    <name>boneage::ui::AnnotationEditor</name>
    <message>
        <source>not placed</source>
        <translation>未放置</translation>
    </message>
    <message>
        <source>proposed by the model</source>
        <translation>模型建议</translation>
    </message>
    <message>
        <source>confirmed</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>corrected</source>
        <translation>已修正</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>已跳过</translation>
    </message>
    <message>
        <source>stage %1</source>
        <translation>分期 %1</translation>
    </message>
    <message>
        <source>locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <source>Move %1</source>
        <translation>移动 %1</translation>
    </message>
    <message>
        <source>Resize %1</source>
        <translation>调整 %1 大小</translation>
    </message>
    <message>
        <source>Place %1</source>
        <translation>放置 %1</translation>
    </message>
    <message>
        <source>Skip %1</source>
        <translation>跳过 %1</translation>
    </message>
    <message>
        <source>Restore %1</source>
        <translation>恢复 %1</translation>
    </message>
    <message>
        <source>Clear %1</source>
        <translation>清除 %1</translation>
    </message>
    <message>
        <source>Lock %1</source>
        <translation>锁定 %1</translation>
    </message>
    <message>
        <source>Unlock %1</source>
        <translation>解锁 %1</translation>
    </message>
    <message>
        <source>Stage %2 for %1</source>
        <translation>%1 的分期设为 %2</translation>
    </message>
    <message>
        <source>Clear the stage of %1</source>
        <translation>清除 %1 的分期</translation>
    </message>
    <message>
        <source>Confirm %1</source>
        <translation>确认 %1</translation>
    </message>
    <message numerus="yes">
        <source>Confirm %n proposed item(s)</source>
        <translation>
            <numerusform>确认 %n 个建议项</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>boneage::ui::AnnotationLayer</name>
    <message>
        <source>Annotation</source>
        <translation>标注</translation>
    </message>
    <message>
        <source>Proposed by the model (dashed)</source>
        <translation>模型建议（虚线）</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>Corrected or placed by the reader</source>
        <translation>阅片者修正或放置</translation>
    </message>
    <message>
        <source>Skipped (not on this film)</source>
        <translation>已跳过（此片上没有）</translation>
    </message>
    <message>
        <source>Selected</source>
        <translation>已选择</translation>
    </message>
    <message>
        <source>%1 (locked)</source>
        <translation>%1（已锁定）</translation>
    </message>
</context>
<context>
    <name>boneage::ui::AnnotationTool</name>
    <message>
        <source>%1 is locked: unlock it (L) to change it.</source>
        <translation>%1 已锁定：解锁 (L) 后才能更改。</translation>
    </message>
    <message>
        <source>%1 is skipped: restore it (S) to move it.</source>
        <translation>%1 已跳过：恢复 (S) 后才能移动。</translation>
    </message>
    <message>
        <source>Drag on the film to draw the box of %1.</source>
        <translation>在片子上拖动以绘制 %1 的框。</translation>
    </message>
</context>
<context>
    <name>boneage::ui::AssessmentPanel</name>
    <message>
        <source>Assess</source>
        <translation>评估</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Research use, not a medical device. Results must be reviewed by a radiologist.</source>
        <translation>仅供研究使用，非医疗器械。结果须经放射科医师审核。</translation>
    </message>
    <message>
        <source>Not recorded: choose</source>
        <translation>未记录：请选择</translation>
    </message>
    <message>
        <source>Male</source>
        <translation>男</translation>
    </message>
    <message>
        <source>Female</source>
        <translation>女</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>年年年年-月月-日日</translation>
    </message>
    <message>
        <source>months</source>
        <translation>月</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Months</source>
        <translation>月</translation>
    </message>
    <message>
        <source>Bone age</source>
        <translation>骨龄</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>用时</translation>
    </message>
    <message>
        <source>Patient and study</source>
        <translation>患者与检查</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>患者</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>Study date</source>
        <translation>检查日期</translation>
    </message>
    <message>
        <source>Chronological age</source>
        <translation>实际年龄</translation>
    </message>
    <message>
        <source>entered</source>
        <translation>手动输入</translation>
    </message>
    <message>
        <source>%v of %m</source>
        <translation>%v / %m</translation>
    </message>
    <message>
        <source>%v of %m: %1</source>
        <translation>%v / %m：%1</translation>
    </message>
    <message>
        <source>Device: %1</source>
        <translation>计算设备：%1</translation>
    </message>
    <message>
        <source>Open a radiograph to assess.</source>
        <translation>请打开一张 X线片进行评估。</translation>
    </message>
    <message>
        <source>This file cannot be read: %1</source>
        <translation>无法读取此文件：%1</translation>
    </message>
    <message>
        <source>No bone age model is installed in %1. Install a model package there.</source>
        <translation>%1 中未安装骨龄模型。请在该处安装模型包。</translation>
    </message>
    <message>
        <source>The patient&apos;s sex is not recorded in the file. Choose it above: the bone age standards differ for boys and girls, so the workstation will not guess it.</source>
        <translation>文件中未记录患者性别。请在上方选择：男孩和女孩的骨龄标准不同，工作站不会自行推测。</translation>
    </message>
    <message>
        <source>From %1</source>
        <translation>来源：%1</translation>
    </message>
    <message>
        <source>&lt;b&gt;The assessment failed:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;评估失败：&lt;/b&gt;%1</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <source>load %1 ms, preprocessing %2 ms, network %3 ms</source>
        <translation>加载 %1 毫秒，预处理 %2 毫秒，网络推理 %3 毫秒</translation>
    </message>
    <message>
        <source>&lt;b&gt;Bone age %1 months (%2)&lt;/b&gt;</source>
        <translation>&lt;b&gt;骨龄 %1 个月（%2）&lt;/b&gt;</translation>
    </message>
    <message>
        <source>: mean of %1 models, spread %2 months</source>
        <translation>：%1 个模型的平均值，离散范围 %2 个月</translation>
    </message>
    <message>
        <source>delayed (below -2 SD)</source>
        <translation>延迟（低于 -2 SD）</translation>
    </message>
    <message>
        <source>advanced (above +2 SD)</source>
        <translation>提前（高于 +2 SD）</translation>
    </message>
    <message>
        <source>normal (within ±2 SD)</source>
        <translation>正常（±2 SD 以内）</translation>
    </message>
    <message>
        <source>Chronological age %1 months (%2)</source>
        <translation>实际年龄 %1 个月（%2）</translation>
    </message>
    <message>
        <source>Difference %1 months, SDS %2 (Greulich-Pyle SD %3 months): &lt;b&gt;&lt;span style=&quot;color:%4&quot;&gt;%5&lt;/span&gt;&lt;/b&gt;</source>
        <translation>差值 %1 个月，SDS %2（Greulich-Pyle 标准差 %3 个月）：&lt;b&gt;&lt;span style=&quot;color:%4&quot;&gt;%5&lt;/span&gt;&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Chronological age unknown: enter the birth and study dates or the age to compare.</source>
        <translation>实际年龄未知：请输入出生日期和检查日期或年龄以进行比较。</translation>
    </message>
    <message>
        <source>Hand landmarks found (confidence %1)</source>
        <translation>已找到手部关键点（置信度 %1）</translation>
    </message>
    <message>
        <source>Model skipped: %1</source>
        <translation>已跳过模型：%1</translation>
    </message>
    <message>
        <source>GPU (CUDA)</source>
        <translation>GPU（CUDA）</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message numerus="yes">
        <source>: weighted mean of %n model(s) (weights in the settings), spread %1 months</source>
        <translation>
            <numerusform>：%n 个模型的加权平均值（权重见设置），离散范围 %1 个月</numerusform>
        </translation>
    </message>
    <message>
        <source>Assess anyway (review required)</source>
        <translation>仍然评估（需要复核）</translation>
    </message>
    <message>
        <source>Estimate the bone age although no hand was recognised; the result stays marked for review.</source>
        <translation>虽未识别出手部仍估计骨龄；结果将保持“需要复核”标记。</translation>
    </message>
    <message>
        <source>&lt;span style=&quot;color:#c05000&quot;&gt;No SDS: the study date is before the birth date. Correct the dates to compare the bone age with the chronological age.&lt;/span&gt;</source>
        <translation>&lt;span style=&quot;color:#c05000&quot;&gt;无 SDS：检查日期早于出生日期。请更正日期，以便将骨龄与实际年龄比较。&lt;/span&gt;</translation>
    </message>
    <message>
        <source>&lt;span style=&quot;color:#c05000&quot;&gt;No SDS: a chronological age of %1 lies outside the 0 to 20 years that the standards cover. Check the birth and study dates.&lt;/span&gt;</source>
        <translation>&lt;span style=&quot;color:#c05000&quot;&gt;无 SDS：实际年龄 %1 超出标准覆盖的 0 至 20 岁范围。请检查出生日期和检查日期。&lt;/span&gt;</translation>
    </message>
    <message>
        <source>No hand was recognised on this image (%1). Check that it is a hand radiograph, upright and uncropped.</source>
        <translation>此图像未识别出手部（%1）。请确认这是一张直立、未裁剪的手部 X 线片。</translation>
    </message>
    <message>
        <source>The hand could not be checked: no hand landmark model is installed or it could not run.</source>
        <translation>无法检查手部：未安装手部关键点模型，或该模型无法运行。</translation>
    </message>
    <message>
        <source>No model gave an estimate within 0 to 20 years.</source>
        <translation>没有模型给出 0 至 20 岁范围内的估计。</translation>
    </message>
    <message>
        <source>%1 estimated %2 months, outside 0 to 20 years: not used.</source>
        <translation>%1 估计为 %2 个月，超出 0 至 20 岁：未采用。</translation>
    </message>
    <message>
        <source>Review required: no bone age is reported.</source>
        <translation>需要复核：不报告骨龄。</translation>
    </message>
    <message>
        <source>Review required: estimated at your request although no hand was recognised.</source>
        <translation>需要复核：虽未识别出手部，已按您的要求估计。</translation>
    </message>
    <message>
        <source>Review required.</source>
        <translation>需要复核。</translation>
    </message>
    <message>
        <source>Model: %1</source>
        <translation>模型：%1</translation>
    </message>
    <message>
        <source>: fitted ensemble of %1 models, spread %2 months</source>
        <translation>：%1 个模型的拟合集成，离散 %2 个月</translation>
    </message>
    <message>
        <source>%1 % prediction interval: %2 to %3 months (%4 to %5), calibrated on held-out films</source>
        <translation>%1% 预测区间：%2 至 %3 个月（%4 至 %5），在留出片上校准</translation>
    </message>
    <message>
        <source>No prediction interval: %1</source>
        <translation>无预测区间：%1</translation>
    </message>
    <message>
        <source>The models are unsure of this case: the %1 % interval is %2 months wide, more than the %3 months set in the settings.</source>
        <translation>模型对此病例不确定：%1% 区间宽 %2 个月，超过设置中的 %3 个月。</translation>
    </message>
    <message>
        <source>Read inverted: bone was darker than soft tissue (an inverted export)</source>
        <translation>已反相读取：骨骼比软组织更暗（反相导出的图像）</translation>
    </message>
    <message>
        <source>Hand found on the film&apos;s tone stretched (a dark or flat export): check the keypoints</source>
        <translation>在拉伸灰度后的胶片上找到手部（偏暗或低对比度的导出）：请检查关键点</translation>
    </message>
</context>
<context>
    <name>boneage::ui::AtlasView</name>
    <message>
        <source>◀ Previous plate</source>
        <translation>◀ 上一图版</translation>
    </message>
    <message>
        <source>Next plate ▶</source>
        <translation>下一图版 ▶</translation>
    </message>
    <message>
        <source>Atlas comparison (research use, not a medical device)</source>
        <translation>图谱对比（仅供研究使用，非医疗器械）</translation>
    </message>
    <message>
        <source>The atlas cannot be shown: %1. Choose an atlas folder (setting &quot;atlas/folder&quot;).</source>
        <translation>无法显示图谱：%1。请选择图谱文件夹（设置项“atlas/folder”）。</translation>
    </message>
    <message>
        <source>%1: a reference built from labelled cases, NOT the Greulich–Pyle atlas. Research use, not a medical device.</source>
        <translation>%1：由已标注病例构建的参考图谱，并非 Greulich–Pyle 图谱。仅供研究使用，非医疗器械。</translation>
    </message>
    <message>
        <source>%1. Research use, not a medical device.</source>
        <translation>%1。仅供研究使用，非医疗器械。</translation>
    </message>
    <message>
        <source>Bone age estimate %1</source>
        <translation>骨龄估计值 %1</translation>
    </message>
    <message>
        <source>No bone age estimate yet: the plates bracket the chronological age, %1</source>
        <translation>尚无骨龄估计值：图版按实际年龄 %1 选取</translation>
    </message>
    <message>
        <source>No bone age estimate and no chronological age: the plates start at the youngest; use Previous / Next</source>
        <translation>既无骨龄估计值也无实际年龄：图版从最年幼者开始；请使用“上一图版”/“下一图版”</translation>
    </message>
    <message>
        <source>male</source>
        <translation>男</translation>
    </message>
    <message>
        <source>female</source>
        <translation>女</translation>
    </message>
    <message>
        <source>sex not recorded</source>
        <translation>性别未记录</translation>
    </message>
    <message>
        <source>bone age estimate %1</source>
        <translation>骨龄估计值 %1</translation>
    </message>
    <message>
        <source>chronological age %1, no estimate yet</source>
        <translation>实际年龄 %1，尚无估计值</translation>
    </message>
    <message>
        <source>This film — %1</source>
        <translation>本 X线片 — %1</translation>
    </message>
    <message>
        <source>This film — %1, %2</source>
        <translation>本 X线片 — %1，%2</translation>
    </message>
    <message>
        <source> — reference case %1, research use</source>
        <translation> — 参考病例 %1，仅供研究使用</translation>
    </message>
    <message>
        <source>
(its own bone age: %1, nearest in age)</source>
        <translation>
（该病例自身骨龄：%1，年龄最接近）</translation>
    </message>
    <message>
        <source>
(its own bone age: %1)</source>
        <translation>
（该病例自身骨龄：%1）</translation>
    </message>
    <message>
        <source>
The plate image cannot be read: %1</source>
        <translation>
无法读取图版图像：%1</translation>
    </message>
    <message>
        <source>No atlas loaded.</source>
        <translation>未加载图谱。</translation>
    </message>
    <message>
        <source>The patient&apos;s sex is not recorded: atlas plates differ by sex. Enter it in the Assessment panel.</source>
        <translation>未记录患者性别：图谱图版因性别而异。请在“评估”面板中输入。</translation>
    </message>
    <message>
        <source>This atlas has no plates for sex %1.</source>
        <translation>此图谱没有性别 %1 的图版。</translation>
    </message>
    <message>
        <source>%1: at plate %2.</source>
        <translation>%1：位于图版 %2。</translation>
    </message>
    <message>
        <source>%1: younger than the youngest plate, %2.</source>
        <translation>%1：小于最年幼的图版 %2。</translation>
    </message>
    <message>
        <source>%1: older than the oldest plate, %2.</source>
        <translation>%1：大于最年长的图版 %2。</translation>
    </message>
    <message>
        <source>%1: between plates %2 and %3.</source>
        <translation>%1：介于图版 %2 与 %3 之间。</translation>
    </message>
    <message>
        <source>M</source>
        <comment>the sex of a boy&apos;s plate</comment>
        <translation>男</translation>
    </message>
    <message>
        <source>F</source>
        <comment>the sex of a girl&apos;s plate</comment>
        <translation>女</translation>
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
        <translation>注意力图</translation>
    </message>
</context>
<context>
    <name>boneage::ui::CaseList</name>
    <message>
        <source>male</source>
        <translation>男</translation>
    </message>
    <message>
        <source>female</source>
        <translation>女</translation>
    </message>
    <message>
        <source>sex unknown</source>
        <translation>性别未知</translation>
    </message>
    <message>
        <source>age %1</source>
        <translation>年龄 %1</translation>
    </message>
    <message>
        <source>age unknown</source>
        <translation>年龄未知</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <comment>a case&apos;s line: sex, age</comment>
        <translation>%1，%2</translation>
    </message>
</context>
<context>
    <name>boneage::ui::ComparisonView</name>
    <message>
        <source>Age band</source>
        <translation>年龄段</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>病例数</translation>
    </message>
    <message>
        <source>MAE in use</source>
        <translation>MAE（在用）</translation>
    </message>
    <message>
        <source>MAE candidate</source>
        <translation>MAE（候选）</translation>
    </message>
    <message>
        <source>Bias in use / candidate</source>
        <translation>偏差（在用 / 候选）</translation>
    </message>
    <message>
        <source>Bland-Altman: each model against the reference (the mean reading)</source>
        <translation>Bland-Altman：各模型与参考值（读片均值）比较</translation>
    </message>
    <message>
        <source>mean of model and reference (months)</source>
        <translation>模型与参考值的均值（月）</translation>
    </message>
    <message>
        <source>model − reference (months)</source>
        <translation>模型 − 参考值（月）</translation>
    </message>
    <message>
        <source>model version %1</source>
        <translation>模型版本 %1</translation>
    </message>
    <message>
        <source>the installed models</source>
        <translation>已安装的模型</translation>
    </message>
    <message>
        <source>Select a finished version and press Compare: it is measured against the model in use on the workspace&apos;s check set.</source>
        <translation>选择一个已完成的版本并点击“比较”：将在工作区的检验集上与在用模型进行比较。</translation>
    </message>
    <message numerus="yes">
        <source>Check set: %n case(s) compared</source>
        <translation>
            <numerusform>检验集：已比较 %n 个病例</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n skipped (the film could not be assessed)</source>
        <translation>
            <numerusform>，跳过 %n 个（X线片无法评估）</numerusform>
        </translation>
    </message>
    <message>
        <source>In use (%1): MAE %2 months, bias %3 months</source>
        <translation>在用（%1）：MAE %2 个月，偏差 %3 个月</translation>
    </message>
    <message>
        <source>Candidate (%1): MAE %2 months, bias %3 months</source>
        <translation>候选（%1）：MAE %2 个月，偏差 %3 个月</translation>
    </message>
    <message>
        <source>MAE difference (candidate − in use) %1 months, 95 % interval [%2, %3] (paired bootstrap, %4 resamples)</source>
        <translation>MAE 差值（候选 − 在用）%1 个月，95% 区间 [%2, %3]（配对自助法，%4 次重抽样）</translation>
    </message>
    <message>
        <source>&lt;b&gt;&lt;span style=&quot;color:#208020&quot;&gt;Better: the whole interval lies below 0. It may be promoted.&lt;/span&gt;&lt;/b&gt;</source>
        <translation>&lt;b&gt;&lt;span style=&quot;color:#208020&quot;&gt;更好：整个区间低于 0，可以启用。&lt;/span&gt;&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;&lt;span style=&quot;color:#c05000&quot;&gt;Not shown to be better: the interval&apos;s upper bound is not below 0. Promotion needs an override with a written reason.&lt;/span&gt;&lt;/b&gt;</source>
        <translation>&lt;b&gt;&lt;span style=&quot;color:#c05000&quot;&gt;未证明更好：区间上限不低于 0。启用需要附书面理由的强制覆盖。&lt;/span&gt;&lt;/b&gt;</translation>
    </message>
    <message>
        <source>%1–%2 years</source>
        <translation>%1–%2 岁</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>candidate: %1</source>
        <translation>候选：%1</translation>
    </message>
    <message>
        <source>in use: %1</source>
        <translation>在用：%1</translation>
    </message>
</context>
<context>
    <name>boneage::ui::CropLayer</name>
    <message>
        <source>AG-CNN crop box</source>
        <translation>AG-CNN 裁剪框</translation>
    </message>
    <message>
        <source>AG-CNN attention crop (dashed)</source>
        <translation>AG-CNN 注意力裁剪区（虚线）</translation>
    </message>
    <message>
        <source>No installed AG-CNN model</source>
        <translation>未安装 AG-CNN 模型</translation>
    </message>
    <message>
        <source>Assess the film with an AG-CNN model to see its crop box</source>
        <translation>请用 AG-CNN 模型评估此 X线片以查看其裁剪框</translation>
    </message>
    <message>
        <source>AG-CNN crop</source>
        <translation>AG-CNN 裁剪区</translation>
    </message>
</context>
<context>
    <name>boneage::ui::DicomNodeBox</name>
    <message>
        <source>AET@HOST:PORT, e.g. PACS@10.0.0.5:104</source>
        <translation>AET@HOST:PORT，例如 PACS@10.0.0.5:104</translation>
    </message>
    <message>
        <source>The PACS or DICOM node: its AE title, host and port. Configured nodes are in File &gt; Settings.</source>
        <translation>PACS 或 DICOM 节点：AE 标题、主机和端口。已配置的节点见“文件 &gt; 设置”。</translation>
    </message>
    <message>
        <source>Name the DICOM node: AET@HOST:PORT, e.g. PACS@10.0.0.5:104</source>
        <translation>请填写 DICOM 节点：AET@HOST:PORT，例如 PACS@10.0.0.5:104</translation>
    </message>
</context>
<context>
    <name>boneage::ui::KeypointLayer</name>
    <message>
        <source>Hand keypoints</source>
        <translation>手部关键点</translation>
    </message>
    <message>
        <source>Thumb</source>
        <translation>拇指</translation>
    </message>
    <message>
        <source>Index finger</source>
        <translation>示指</translation>
    </message>
    <message>
        <source>Middle finger</source>
        <translation>中指</translation>
    </message>
    <message>
        <source>Ring finger</source>
        <translation>环指</translation>
    </message>
    <message>
        <source>Little finger</source>
        <translation>小指</translation>
    </message>
    <message>
        <source>Wrist</source>
        <translation>腕部</translation>
    </message>
</context>
<context>
    <name>boneage::ui::LayerPanel</name>
    <message>
        <source>Whose attention map is shown (also: click a model in the results)</source>
        <translation>显示哪个模型的注意力图（也可在结果中点击模型）</translation>
    </message>
    <message>
        <source>low</source>
        <translation>低</translation>
    </message>
    <message>
        <source>high</source>
        <translation>高</translation>
    </message>
    <message>
        <source>Relative, per model: each map&apos;s peak is high.</source>
        <translation>相对值，按模型：每张图的峰值为“高”。</translation>
    </message>
    <message>
        <source>Opacity</source>
        <translation>不透明度</translation>
    </message>
    <message>
        <source>Nothing to show for this film yet</source>
        <translation>此 X线片暂无可显示内容</translation>
    </message>
    <message>
        <source>Assess the film to compute the models&apos; attention maps</source>
        <translation>请评估此 X线片以计算各模型的注意力图</translation>
    </message>
    <message>
        <source>Whose boxes are shown (also: click a model in the results)</source>
        <translation>显示哪个模型的框（也可在结果中点击模型）</translation>
    </message>
</context>
<context>
    <name>boneage::ui::MainWindow</name>
    <message>
        <source>Bone Age Workstation (research use, not a medical device)</source>
        <translation>骨龄工作站（仅供研究使用，非医疗器械）</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>病例</translation>
    </message>
    <message>
        <source>&lt;b&gt;Overlays&lt;/b&gt;</source>
        <translation>&lt;b&gt;叠加层&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Assessment</source>
        <translation>评估</translation>
    </message>
    <message>
        <source>GPU (CUDA)</source>
        <translation>GPU（CUDA）</translation>
    </message>
    <message>
        <source>CPU (chosen in the settings)</source>
        <translation>CPU（在设置中选择）</translation>
    </message>
    <message>
        <source>CPU (LibTorch sees no GPU)</source>
        <translation>CPU（LibTorch 未检测到 GPU）</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;Folder…</source>
        <translation>打开文件夹(&amp;F)…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+O</source>
        <translation>Ctrl+Shift+O</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Fit to Window</source>
        <translation>适应窗口(&amp;F)</translation>
    </message>
    <message>
        <source>F</source>
        <translation>F</translation>
    </message>
    <message>
        <source>&amp;Actual Pixels (1:1)</source>
        <translation>实际像素 1:1(&amp;A)</translation>
    </message>
    <message>
        <source>1</source>
        <translation>1</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Invert</source>
        <translation>反相(&amp;N)</translation>
    </message>
    <message>
        <source>I</source>
        <translation>I</translation>
    </message>
    <message>
        <source>Window &amp;Presets</source>
        <translation>窗宽/窗位预设(&amp;P)</translation>
    </message>
    <message>
        <source>Rotate &amp;Clockwise</source>
        <translation>顺时针旋转(&amp;C)</translation>
    </message>
    <message>
        <source>R</source>
        <translation>R</translation>
    </message>
    <message>
        <source>Rotate C&amp;ounterclockwise</source>
        <translation>逆时针旋转(&amp;U)</translation>
    </message>
    <message>
        <source>Shift+R</source>
        <translation>Shift+R</translation>
    </message>
    <message>
        <source>Flip &amp;Horizontally</source>
        <translation>水平翻转(&amp;H)</translation>
    </message>
    <message>
        <source>H</source>
        <translation>H</translation>
    </message>
    <message>
        <source>Flip &amp;Vertically</source>
        <translation>垂直翻转(&amp;V)</translation>
    </message>
    <message>
        <source>V</source>
        <translation>V</translation>
    </message>
    <message>
        <source>Compare with &amp;Atlas…</source>
        <translation>与图谱对比(&amp;A)…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+A</source>
        <translation>Ctrl+Shift+A</translation>
    </message>
    <message>
        <source>&amp;Assessment</source>
        <translation>评估(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Assess</source>
        <translation>评估(&amp;A)</translation>
    </message>
    <message>
        <source>Ctrl+Return</source>
        <translation>Ctrl+Return</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message>
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>关于(&amp;A)</translation>
    </message>
    <message>
        <source>About</source>
        <translation>关于</translation>
    </message>
    <message>
        <source>&lt;b&gt;Bone Age Workstation&lt;/b&gt;&lt;p&gt;Assesses skeletal age from hand radiographs with the installed models.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Research use, not a medical device.&lt;/b&gt; Results must be reviewed by a radiologist.&lt;/p&gt;&lt;p&gt;Models: %1&lt;/p&gt;</source>
        <translation>&lt;b&gt;骨龄工作站&lt;/b&gt;&lt;p&gt;使用已安装的模型，根据手部 X线片评估骨骼年龄。&lt;/p&gt;&lt;p&gt;&lt;b&gt;仅供研究使用，非医疗器械。&lt;/b&gt;结果须经放射科医师审核。&lt;/p&gt;&lt;p&gt;模型：%1&lt;/p&gt;</translation>
    </message>
    <message>
        <source>%1: no DICOM, PNG, JPEG, TIFF or JPEG 2000 files in this folder.</source>
        <translation>%1：此文件夹中没有 DICOM、PNG、JPEG、TIFF 或 JPEG 2000 文件。</translation>
    </message>
    <message>
        <source>Some files could not be opened</source>
        <translation>部分文件无法打开</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>默认</translation>
    </message>
    <message>
        <source>D</source>
        <translation>D</translation>
    </message>
    <message>
        <source>DICOM window</source>
        <translation>DICOM 窗</translation>
    </message>
    <message>
        <source>%1 (centre %2, width %3)</source>
        <translation>%1（窗位 %2，窗宽 %3）</translation>
    </message>
    <message>
        <source>Automatic (1st to 99th percentile)</source>
        <translation>自动（第 1 至第 99 百分位）</translation>
    </message>
    <message>
        <source>A</source>
        <translation>A</translation>
    </message>
    <message>
        <source>Full range</source>
        <translation>全范围</translation>
    </message>
    <message>
        <source>No recent files</source>
        <translation>无最近打开的文件</translation>
    </message>
    <message>
        <source>x %1, y %2: value %3</source>
        <translation>x %1，y %2：值 %3</translation>
    </message>
    <message>
        <source> (stored %1)</source>
        <translation>（存储值 %1）</translation>
    </message>
    <message>
        <source>Window centre %1, width %2%3</source>
        <translation>窗位 %1，窗宽 %2%3</translation>
    </message>
    <message>
        <source>, inverted</source>
        <translation>，反相</translation>
    </message>
    <message>
        <source>No installed model assesses this sex (only models for the other sex are installed).</source>
        <translation>没有已安装的模型适用于该性别（仅安装了另一性别的模型）。</translation>
    </message>
    <message>
        <source>No installed model could be run.</source>
        <translation>没有可运行的已安装模型。</translation>
    </message>
    <message>
        <source>Open radiographs</source>
        <translation>打开 X线片</translation>
    </message>
    <message>
        <source>Radiographs (*.dcm *.dicom *.png *.jpg *.jpeg *.tif *.tiff *.jp2 *.j2k);;All files (*)</source>
        <translation>X线片 (*.dcm *.dicom *.png *.jpg *.jpeg *.tif *.tiff *.jp2 *.j2k);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Open a folder of radiographs</source>
        <translation>打开 X线片文件夹</translation>
    </message>
    <message>
        <source>The film beside the atlas plates bracketing its bone age</source>
        <translation>将此 X线片与其骨龄前后相邻的图谱图版并排显示</translation>
    </message>
    <message>
        <source>Needs the patient&apos;s sex and a bone age estimate (or the chronological age)</source>
        <translation>需要患者性别和骨龄估计值（或实际年龄）</translation>
    </message>
    <message>
        <source>DICOM VOI LUT %1</source>
        <translation>DICOM VOI LUT %1</translation>
    </message>
    <message>
        <source>%1 (DICOM VOI LUT)</source>
        <translation>%1（DICOM VOI LUT）</translation>
    </message>
    <message>
        <source>Edit History</source>
        <translation>编辑历史</translation>
    </message>
    <message>
        <source>&lt;annotation as loaded&gt;</source>
        <translation>&lt;载入时的标注&gt;</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Assess the film first: the annotation starts from the model&apos;s keypoints.</source>
        <translation>请先评估片子：标注从模型的关键点开始。</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>A&amp;nnotation</source>
        <translation>标注(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Edit History</source>
        <translation>编辑历史(&amp;E)</translation>
    </message>
    <message>
        <source>Reading</source>
        <translation>读片</translation>
    </message>
    <message>
        <source>Workspace</source>
        <translation>工作区</translation>
    </message>
    <message>
        <source>Reader: </source>
        <translation>读片者：</translation>
    </message>
    <message>
        <source>Your name: annotations and readings are stored under it, each reader keeps their own</source>
        <translation>您的名字：标注和读片结果以此名字保存，每位读片者各自独立</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop Assess All after the model that is running</source>
        <translation>在当前模型运行完后停止“全部评估”</translation>
    </message>
    <message>
        <source>Assess all: %1 of %2</source>
        <translation>全部评估：%1 / %2</translation>
    </message>
    <message>
        <source>Case %1: %2</source>
        <translation>病例 %1：%2</translation>
    </message>
    <message numerus="yes">
        <source>, %n failed</source>
        <translation>
            <numerusform>，%n 个失败</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Assess all cancelled: %n case(s) assessed and stored%1</source>
        <translation>
            <numerusform>全部评估已取消：已评估并保存 %n 个病例%1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Assess all: %n case(s) assessed and stored%1</source>
        <translation>
            <numerusform>全部评估：已评估并保存 %n 个病例%1</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;New Workspace…</source>
        <translation>新建工作区(&amp;N)…</translation>
    </message>
    <message>
        <source>New workspace: choose an empty folder</source>
        <translation>新建工作区：选择一个空文件夹</translation>
    </message>
    <message>
        <source>Open &amp;Workspace…</source>
        <translation>打开工作区(&amp;W)…</translation>
    </message>
    <message>
        <source>Open a workspace folder</source>
        <translation>打开工作区文件夹</translation>
    </message>
    <message>
        <source>&amp;Close Workspace</source>
        <translation>关闭工作区(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Import into Workspace…</source>
        <translation>导入到工作区(&amp;I)…</translation>
    </message>
    <message>
        <source>Import radiographs into the workspace</source>
        <translation>将X线片导入工作区</translation>
    </message>
    <message>
        <source>Import Fol&amp;der into Workspace…</source>
        <translation>导入文件夹到工作区(&amp;D)…</translation>
    </message>
    <message>
        <source>Import a folder of radiographs into the workspace</source>
        <translation>将一个X线片文件夹导入工作区</translation>
    </message>
    <message>
        <source>Rea&amp;ding Form</source>
        <translation>读片表单(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Next Case</source>
        <translation>下一个病例(&amp;N)</translation>
    </message>
    <message>
        <source>Ctrl+PgDown</source>
        <translation>Ctrl+PgDown</translation>
    </message>
    <message>
        <source>Pre&amp;vious Case</source>
        <translation>上一个病例(&amp;V)</translation>
    </message>
    <message>
        <source>Ctrl+PgUp</source>
        <translation>Ctrl+PgUp</translation>
    </message>
    <message>
        <source>Assess A&amp;ll</source>
        <translation>全部评估(&amp;L)</translation>
    </message>
    <message>
        <source>Ctrl+Shift+Return</source>
        <translation>Ctrl+Shift+Return</translation>
    </message>
    <message>
        <source>Assess every case of the workspace that has no assessment yet, in the background</source>
        <translation>在后台评估工作区中所有尚未评估的病例</translation>
    </message>
    <message>
        <source>Cancel Assess All</source>
        <translation>取消全部评估</translation>
    </message>
    <message>
        <source>The workspace is open in another program (the command line or a second workstation). Close it there, or open the workspace read-only to look without changing it.</source>
        <translation>该工作区已在另一个程序中打开（命令行或另一个工作站）。请在那里关闭它，或以只读方式打开以查看而不做更改。</translation>
    </message>
    <message>
        <source>The workspace was made or upgraded by a newer version of the program. Update the workstation to open it.</source>
        <translation>该工作区由更新版本的程序创建或升级。请更新工作站后再打开。</translation>
    </message>
    <message>
        <source>The workspace cannot be written here (read-only folder or file). You can open it read-only: nothing you do is stored then.</source>
        <translation>此处无法写入该工作区（只读文件夹或文件）。您可以以只读方式打开：届时您的任何操作都不会被保存。</translation>
    </message>
    <message>
        <source>The workspace cannot be read: its database is damaged or not accessible. Restore it from a backup.</source>
        <translation>无法读取该工作区：其数据库已损坏或无法访问。请从备份中恢复。</translation>
    </message>
    <message>
        <source>This folder is not a workspace. Use File &gt; New Workspace to make one.</source>
        <translation>此文件夹不是工作区。请使用“文件 &gt; 新建工作区”创建一个。</translation>
    </message>
    <message>
        <source>A new workspace needs an empty folder.</source>
        <translation>新工作区需要一个空文件夹。</translation>
    </message>
    <message>
        <source>The disk is full. Free some space and try again.</source>
        <translation>磁盘已满。请释放一些空间后重试。</translation>
    </message>
    <message>
        <source>The workspace could not be used.</source>
        <translation>无法使用该工作区。</translation>
    </message>
    <message>
        <source>%1

%2</source>
        <translation>%1

%2</translation>
    </message>
    <message>
        <source>Workspace %1</source>
        <translation>工作区 %1</translation>
    </message>
    <message>
        <source>Open &amp;Read-Only</source>
        <translation>以只读方式打开(&amp;R)</translation>
    </message>
    <message>
        <source>Worklist</source>
        <translation>工作列表</translation>
    </message>
    <message numerus="yes">
        <source>Workspace opened: %n case(s)</source>
        <translation>
            <numerusform>工作区已打开：%n 个病例</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Workspace opened read-only: %n case(s); nothing is stored</source>
        <translation>
            <numerusform>工作区以只读方式打开：%n 个病例；不会保存任何内容</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>%1 (read-only) – %2</source>
        <translation>%1（只读）– %2</translation>
    </message>
    <message>
        <source>The worklist could not be read</source>
        <translation>无法读取工作列表</translation>
    </message>
    <message>
        <source>the workspace</source>
        <translation>工作区</translation>
    </message>
    <message>
        <source>The stored assessment cannot be read: %1</source>
        <translation>无法读取已保存的评估：%1</translation>
    </message>
    <message>
        <source>The case could not be opened</source>
        <translation>无法打开该病例</translation>
    </message>
    <message>
        <source>The workspace is open read-only: this edit is not stored.</source>
        <translation>工作区以只读方式打开：此修改不会被保存。</translation>
    </message>
    <message>
        <source>The annotation edit was not stored</source>
        <translation>标注修改未保存</translation>
    </message>
    <message>
        <source>The assessment was not stored</source>
        <translation>评估结果未保存</translation>
    </message>
    <message>
        <source>Patient&apos;s sex</source>
        <translation>患者性别</translation>
    </message>
    <message numerus="yes">
        <source>%n film(s) do not record the patient&apos;s sex, which the bone age standards need:

%1

Import them as the films of a boy or of a girl?</source>
        <translation>
            <numerusform>%n 张X线片未记录患者性别，而骨龄标准需要性别：

%1

按男孩还是女孩的X线片导入？</numerusform>
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
        <translation>男(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Female</source>
        <translation>女(&amp;F)</translation>
    </message>
    <message>
        <source>Do &amp;Not Import</source>
        <translation>不导入(&amp;N)</translation>
    </message>
    <message>
        <source>Nothing imported</source>
        <translation>未导入任何内容</translation>
    </message>
    <message>
        <source>The workspace is open read-only: films cannot be imported.</source>
        <translation>工作区以只读方式打开：无法导入X线片。</translation>
    </message>
    <message>
        <source>Imported: %1 new, %2 already in the workspace, %3 refused</source>
        <translation>导入：%1 个新病例，%2 个已在工作区中，%3 个被拒绝</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) were not imported</source>
        <translation>
            <numerusform>%n 个文件未导入</numerusform>
        </translation>
    </message>
    <message>
        <source>Every case of the workspace is assessed.</source>
        <translation>工作区中的所有病例均已评估。</translation>
    </message>
    <message>
        <source>Assess all</source>
        <translation>全部评估</translation>
    </message>
    <message>
        <source>No bone age model is installed in %1.</source>
        <translation>%1 中未安装骨龄模型。</translation>
    </message>
    <message>
        <source>The reading was not stored</source>
        <translation>读片结果未保存</translation>
    </message>
    <message>
        <source>Reading of case %1 stored: %2 months</source>
        <translation>病例 %1 的读片结果已保存：%2 个月</translation>
    </message>
    <message>
        <source>The workspace is open read-only: readings are not stored.</source>
        <translation>工作区以只读方式打开：读片结果不会被保存。</translation>
    </message>
    <message>
        <source>The readings could not be read</source>
        <translation>无法读取读片结果</translation>
    </message>
    <message>
        <source>The training job (Models &gt; Train)</source>
        <translation>训练任务（模型 &gt; 训练）</translation>
    </message>
    <message>
        <source>Training version %1</source>
        <translation>正在训练版本 %1</translation>
    </message>
    <message>
        <source>Training version %1: %2 %</source>
        <translation>正在训练版本 %1：%2 %</translation>
    </message>
    <message>
        <source>&amp;Models</source>
        <translation>模型(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Train…</source>
        <translation>训练(&amp;T)…</translation>
    </message>
    <message>
        <source>Train or fine-tune a model on the workspace&apos;s read cases, in the background</source>
        <translation>在后台用工作区中已读片的病例训练或微调模型</translation>
    </message>
    <message>
        <source>Model &amp;Versions…</source>
        <translation>模型版本(&amp;V)…</translation>
    </message>
    <message>
        <source>The workspace&apos;s model versions: compare with the model in use, promote, roll back</source>
        <translation>工作区的模型版本：与在用模型比较、启用、回退</translation>
    </message>
    <message>
        <source>Training is running</source>
        <translation>训练正在进行</translation>
    </message>
    <message>
        <source>Model version %1 is training. Stop it (and the queued jobs)?

It keeps its last checkpoint: Models &gt; Train can resume it later.</source>
        <translation>模型版本 %1 正在训练。要停止它（以及排队的任务）吗？

最后的检查点会保留：之后可在“模型 &gt; 训练”中继续。</translation>
    </message>
    <message>
        <source>Interrupted training jobs could not be recorded</source>
        <translation>无法记录被中断的训练任务</translation>
    </message>
    <message>
        <source>Training of model version(s) %1 was interrupted: the program or the computer stopped during the job.</source>
        <translation>模型版本 %1 的训练被中断：任务进行期间程序或计算机停止了。</translation>
    </message>
    <message>
        <source>No checkpoint was left: train again in Models &gt; Train.</source>
        <translation>没有留下检查点：请在“模型 &gt; 训练”中重新训练。</translation>
    </message>
    <message>
        <source>Version(s) %1 can be resumed from the last checkpoint in Models &gt; Train.</source>
        <translation>版本 %1 可在“模型 &gt; 训练”中从最后的检查点继续。</translation>
    </message>
    <message>
        <source>Interrupted training</source>
        <translation>训练被中断</translation>
    </message>
    <message>
        <source>%1 + hand landmark model version %2</source>
        <translation>%1 + 手部关键点模型版本 %2</translation>
    </message>
    <message>
        <source>ROI gallery</source>
        <translation>ROI 图库</translation>
    </message>
    <message>
        <source>%1 cannot be staged: assess the film first, and unlock the ROI if it is locked.</source>
        <translation>无法为 %1 分期：请先评估该片，如 ROI 已锁定请先解锁。</translation>
    </message>
    <message>
        <source>&amp;Export Report…</source>
        <translation>导出报告(&amp;E)…</translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <source>Open a film first.</source>
        <translation>请先打开影像。</translation>
    </message>
    <message>
        <source>Assess the film first: the report holds the models&apos; result.</source>
        <translation>请先评估影像：报告包含模型的结果。</translation>
    </message>
    <message>
        <source>Export Report</source>
        <translation>导出报告</translation>
    </message>
    <message>
        <source>Export the report as PDF</source>
        <translation>将报告导出为 PDF</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Also write the DICOM objects (structured report, secondary capture, encapsulated PDF) into a folder, to send to the PACS?</source>
        <translation>是否同时将 DICOM 对象（结构化报告、二次捕获、封装 PDF）写入文件夹，以便发送到 PACS？</translation>
    </message>
    <message>
        <source>Folder for the DICOM objects</source>
        <translation>DICOM 对象的文件夹</translation>
    </message>
    <message>
        <source>Report written: %1</source>
        <translation>报告已写入：%1</translation>
    </message>
    <message>
        <source>Send to &amp;PACS…</source>
        <translation>发送到 PACS(&amp;P)…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+E</source>
        <translation>Ctrl+Shift+E</translation>
    </message>
    <message>
        <source>Q&amp;uery PACS…</source>
        <translation>查询 PACS(&amp;U)…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+Q</source>
        <translation>Ctrl+Shift+Q</translation>
    </message>
    <message>
        <source>PACS query</source>
        <translation>PACS 查询</translation>
    </message>
    <message>
        <source>Send to PACS</source>
        <translation>发送到 PACS</translation>
    </message>
    <message>
        <source>The film is not assessed yet: assess it first to send its results.</source>
        <translation>该片子尚未评估：请先评估，再发送其结果。</translation>
    </message>
    <message>
        <source>The case changed: open Send to PACS again for the film shown now.</source>
        <translation>病例已切换：请为当前显示的片子重新打开“发送到 PACS”。</translation>
    </message>
    <message>
        <source>The film has no Study Instance UID (a PNG or JPEG export, or a DICOM file without it), so its results would not join its study in the PACS. File &gt; Export Report writes them to files instead.</source>
        <translation>该片子没有 Study Instance UID（PNG 或 JPEG 导出，或缺少该项的 DICOM 文件），其结果在 PACS 中无法归入它的检查。请改用“文件 &gt; 导出报告”将结果写入文件。</translation>
    </message>
    <message>
        <source>The hand was found only with bone shown dark: the film is an inverted export and is now shown and read inverted.</source>
        <translation>仅在骨骼显示为暗色时找到手部：该片为反相导出，现已反相显示并读取。</translation>
    </message>
</context>
<context>
    <name>boneage::ui::ModelVersionsView</name>
    <message>
        <source>training</source>
        <translation>训练中</translation>
    </message>
    <message>
        <source>done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>&amp;Compare with the Model in Use</source>
        <translation>与在用模型比较(&amp;C)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>&amp;Promote</source>
        <translation>启用(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Override…</source>
        <translation>强制覆盖(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Roll Back to This…</source>
        <translation>回退到此版本(&amp;R)…</translation>
    </message>
    <message>
        <source>Model Versions</source>
        <translation>模型版本</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>在用</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Base</source>
        <translation>基础模型</translation>
    </message>
    <message>
        <source>Training cases</source>
        <translation>训练病例</translation>
    </message>
    <message>
        <source>Check-set MAE</source>
        <translation>检验集 MAE</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>信息</translation>
    </message>
    <message>
        <source>Run the model in use and the selected version on every film of the check set and compare them, paired</source>
        <translation>在检验集的每张X线片上运行在用模型和所选版本，并进行配对比较</translation>
    </message>
    <message>
        <source>Use the selected version from now on: possible when the comparison shows it better</source>
        <translation>从现在起使用所选版本：仅当比较显示其更好时可用</translation>
    </message>
    <message>
        <source>Use the selected version although the comparison does not show it better; needs a written reason, which the registry keeps</source>
        <translation>在比较未显示其更好的情况下仍使用所选版本；需要书面理由，理由将保存在注册表中</translation>
    </message>
    <message>
        <source>Return to a version that was in use before, or to the installed models</source>
        <translation>回到之前使用过的版本，或回到已安装的模型</translation>
    </message>
    <message>
        <source>Comparison</source>
        <translation>比较</translation>
    </message>
    <message>
        <source>Lineage</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Curves</source>
        <translation>曲线</translation>
    </message>
    <message>
        <source>Override the comparison</source>
        <translation>强制覆盖比较结果</translation>
    </message>
    <message>
        <source>%1 is not shown to be better than the model in use on the check set. Why should it be used anyway? The reason is kept in the model registry.</source>
        <translation>%1 在检验集上未被证明优于在用模型。为什么仍要使用它？该理由将保存在模型注册表中。</translation>
    </message>
    <message>
        <source>Roll back</source>
        <translation>回退</translation>
    </message>
    <message>
        <source>Use %1 again instead of %2?

Assessments made from now on use it; the results stored before keep the name of the model that made them.</source>
        <translation>重新使用 %1 代替 %2？

此后的评估将使用它；之前保存的结果仍保留生成它们的模型名称。</translation>
    </message>
    <message>
        <source>installed models</source>
        <translation>已安装的模型</translation>
    </message>
    <message>
        <source>model version %1</source>
        <translation>模型版本 %1</translation>
    </message>
    <message>
        <source>Open a workspace to see its model versions.</source>
        <translation>打开工作区以查看其模型版本。</translation>
    </message>
    <message>
        <source>not drawn yet (the first job or comparison draws it)</source>
        <translation>尚未抽取（首次训练任务或比较时抽取）</translation>
    </message>
    <message numerus="yes">
        <source>%n case(s), never trained on</source>
        <translation>
            <numerusform>%n 个病例，从不用于训练</numerusform>
        </translation>
    </message>
    <message>
        <source>installed</source>
        <translation>已安装</translation>
    </message>
    <message>
        <source>in use</source>
        <translation>在用</translation>
    </message>
    <message>
        <source>%1 (paired)</source>
        <translation>%1（配对）</translation>
    </message>
    <message>
        <source>From the latest comparison with the model in use, through the full assessment</source>
        <translation>来自与在用模型的最近一次比较，经完整评估流程</translation>
    </message>
    <message>
        <source>%1 (in training)</source>
        <translation>%1（训练中测得）</translation>
    </message>
    <message>
        <source>Measured by the training job on the prepared check-set films; Compare gives the paired test</source>
        <translation>由训练任务在预处理后的检验集X线片上测得；“比较”给出配对检验</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>The model registry cannot be read: %1</source>
        <translation>无法读取模型注册表：%1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Model version %1&lt;/b&gt; (%2, %3)</source>
        <translation>&lt;b&gt;模型版本 %1&lt;/b&gt;（%2，%3）</translation>
    </message>
    <message>
        <source>Base: %1</source>
        <translation>基础模型：%1</translation>
    </message>
    <message>
        <source>Base SHA-256 (model cards): %1</source>
        <translation>基础模型 SHA-256（模型卡）：%1</translation>
    </message>
    <message>
        <source>Training cases: %1 (the check set is never among them); readings hash %2</source>
        <translation>训练病例：%1（检验集从不在其中）；读片结果哈希 %2</translation>
    </message>
    <message>
        <source>Recipe %1, time budget %2 min, at most %3 epochs%4</source>
        <translation>方案 %1，时间预算 %2 分钟，最多 %3 个轮次%4</translation>
    </message>
    <message>
        <source>, readings shuffled (a negative control)</source>
        <translation>，读片结果已打乱（阴性对照）</translation>
    </message>
    <message>
        <source>Command: %1</source>
        <translation>命令：%1</translation>
    </message>
    <message>
        <source>Seed %1, device %2</source>
        <translation>随机种子 %1，计算设备 %2</translation>
    </message>
    <message>
        <source>Created %1, finished %2</source>
        <translation>创建于 %1，完成于 %2</translation>
    </message>
    <message>
        <source>Package SHA-256 (model cards): %1</source>
        <translation>模型包 SHA-256（模型卡）：%1</translation>
    </message>
    <message>
        <source>Message: %1</source>
        <translation>信息：%1</translation>
    </message>
    <message>
        <source>&lt;b&gt;The installed models&lt;/b&gt; (%1)</source>
        <translation>&lt;b&gt;已安装的模型&lt;/b&gt;（%1）</translation>
    </message>
    <message>
        <source>%1: %2 became the model in use (%3)</source>
        <translation>%1：%2 成为在用模型（%3）</translation>
    </message>
    <message>
        <source>&lt;b&gt;Activation log&lt;/b&gt;</source>
        <translation>&lt;b&gt;启用记录&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Model version %1 cannot be compared: %2</source>
        <translation>模型版本 %1 无法比较：%2</translation>
    </message>
    <message numerus="yes">
        <source>Comparing %1 with %2 on %n check-set film(s)…</source>
        <translation>
            <numerusform>正在 %n 张检验集X线片上比较 %1 与 %2…</numerusform>
        </translation>
    </message>
    <message>
        <source>%v of %m films</source>
        <translation>%v / %m 张X线片</translation>
    </message>
    <message>
        <source>The comparison failed: %1</source>
        <translation>比较失败：%1</translation>
    </message>
    <message>
        <source>The comparison was cancelled.</source>
        <translation>比较已取消。</translation>
    </message>
    <message>
        <source>The comparison was not stored: %1</source>
        <translation>比较结果未保存：%1</translation>
    </message>
    <message>
        <source>Model version %1 on the check set: MAE %2 months against %3; %4</source>
        <translation>模型版本 %1 在检验集上：MAE %2 个月，对比 %3；%4</translation>
    </message>
    <message>
        <source>better, it may be promoted</source>
        <translation>更好，可以启用</translation>
    </message>
    <message>
        <source>not shown to be better</source>
        <translation>未证明更好</translation>
    </message>
    <message>
        <source>%1 is now the bone age model in use (%2).</source>
        <translation>%1 现在是在用的骨龄模型（%2）。</translation>
    </message>
    <message>
        <source>Nothing was changed: %1</source>
        <translation>未做任何更改：%1</translation>
    </message>
    <message>
        <source>An override needs a written reason: nothing was changed.</source>
        <translation>强制覆盖需要书面理由：未做任何更改。</translation>
    </message>
    <message>
        <source>&amp;Grow Check Set</source>
        <translation>扩大检验集(&amp;G)</translation>
    </message>
    <message>
        <source>Cases read after the check set was drawn go to training. This adds read cases that no version has trained on to the check set, back to 20 % of the read cases</source>
        <translation>检验集抽取之后阅片的病例会用于训练。此操作将尚未被任何版本用于训练的已阅片病例加入检验集，直到其再次达到已阅片病例的 20 %</translation>
    </message>
    <message>
        <source>The check set is already 20 % of the read cases, or no read case that no version has trained on is left to add.</source>
        <translation>检验集已达到已阅片病例的 20 %，或已没有未被任何版本用于训练的已阅片病例可加入。</translation>
    </message>
    <message numerus="yes">
        <source>The check set grew by %n case(s); it now holds %1.</source>
        <translation>
            <numerusform>检验集增加了 %n 个病例；现在共有 %1 个。</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;Bone age model in use: %1; hand landmark model in use: %2.&lt;/b&gt; Check set: %3. Nothing is promoted by itself: a version is used only after Promote (or an override with a written reason).</source>
        <translation>&lt;b&gt;在用的骨龄模型：%1；在用的手部关键点模型：%2。&lt;/b&gt;检验集：%3。不会自动启用任何版本：只有在“启用”（或附书面理由的强制启用）之后才会使用。</translation>
    </message>
    <message>
        <source>bone age in use</source>
        <translation>骨龄在用</translation>
    </message>
    <message>
        <source>landmarks in use</source>
        <translation>关键点在用</translation>
    </message>
    <message>
        <source>keypoint error %1 (paired)</source>
        <translation>关键点误差 %1（配对）</translation>
    </message>
    <message>
        <source>Mean keypoint error on the check-set hands, as a fraction of the hand scale (wrist to middle-finger MCP), from the latest comparison with the landmark model in use</source>
        <translation>检验集手部的平均关键点误差，以手部尺度（腕部到中指掌指关节）的比例表示，来自与在用关键点模型的最近一次比较</translation>
    </message>
    <message>
        <source>keypoint error %1 (in training)</source>
        <translation>关键点误差 %1（训练中）</translation>
    </message>
    <message>
        <source>Measured by the training job on the prepared check-set hands; Compare gives the paired test</source>
        <translation>由训练任务在预处理后的检验集手部上测得；“比较”给出配对检验</translation>
    </message>
    <message>
        <source>Hand landmark model, %1 check-set hands: mean keypoint error of %2 %3, of %4 %5 (fractions of the hand scale, wrist to middle-finger MCP). Difference %6, 95 % interval [%7, %8]: %9.</source>
        <translation>手部关键点模型，检验集 %1 只手：%2 的平均关键点误差 %3，%4 的 %5（手部尺度的比例，腕部到中指掌指关节）。差值 %6，95 % 区间 [%7, %8]：%9。</translation>
    </message>
    <message numerus="yes">
        <source>Comparing the hand landmark models %1 and %2 on %n check-set hand(s)…</source>
        <translation>
            <numerusform>正在检验集的 %n 只手上比较手部关键点模型 %1 和 %2…</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 is now the hand landmark model in use (%2).</source>
        <translation>%1 现在是在用的手部关键点模型（%2）。</translation>
    </message>
</context>
<context>
    <name>boneage::ui::QueryPanel</name>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Retrieve and Open</source>
        <translation>获取并打开</translation>
    </message>
    <message>
        <source>e.g. DOE^J*</source>
        <translation>例如 ZHANG^S*</translation>
    </message>
    <message>
        <source>DICOM wildcards: * any characters, ? one character.</source>
        <translation>DICOM 通配符：* 任意字符，? 单个字符。</translation>
    </message>
    <message>
        <source>YYYYMMDD or YYYYMMDD-YYYYMMDD</source>
        <translation>YYYYMMDD 或 YYYYMMDD-YYYYMMDD</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>患者</translation>
    </message>
    <message>
        <source>Patient ID</source>
        <translation>患者 ID</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>Study date</source>
        <translation>检查日期</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>Modalities</source>
        <translation>模态</translation>
    </message>
    <message>
        <source>Instances</source>
        <translation>实例数</translation>
    </message>
    <message>
        <source>Retrieves the chosen study (C-GET) and opens its hand films.</source>
        <translation>获取所选检查（C-GET）并打开其中的手部片子。</translation>
    </message>
    <message>
        <source>PACS</source>
        <translation>PACS</translation>
    </message>
    <message>
        <source>Patient name</source>
        <translation>患者姓名</translation>
    </message>
    <message>
        <source>Accession number</source>
        <translation>检查号</translation>
    </message>
    <message>
        <source>The study date &apos;%1&apos; is not a date: write YYYYMMDD, or a range YYYYMMDD-YYYYMMDD</source>
        <translation>检查日期“%1”不是日期：请写作 YYYYMMDD，或范围 YYYYMMDD-YYYYMMDD</translation>
    </message>
    <message>
        <source>Searching %1…</source>
        <translation>正在搜索 %1…</translation>
    </message>
    <message>
        <source>No study on %1 matches.</source>
        <translation>%1 上没有匹配的检查。</translation>
    </message>
    <message>
        <source>Study %1, accession %2</source>
        <translation>检查 %1，检查号 %2</translation>
    </message>
    <message>
        <source>Choose a study to retrieve.</source>
        <translation>请选择要获取的检查。</translation>
    </message>
    <message>
        <source>Retrieving the study of %1 from %2…</source>
        <translation>正在从 %2 获取 %1 的检查…</translation>
    </message>
    <message>
        <source>The study holds no hand film (%1 other objects: reports, results, other images).</source>
        <translation>该检查中没有手部片子（%1 个其他对象：报告、结果、其他图像）。</translation>
    </message>
    <message>
        <source>Retrieved from %1: %2 films to open, %3 other objects (reports, results).</source>
        <translation>已从 %1 获取：%2 张片子待打开，%3 个其他对象（报告、结果）。</translation>
    </message>
    <message>
        <source>Studies on %1: %2.</source>
        <translation>%1 上的检查：%2 个。</translation>
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
        <translation>其他</translation>
    </message>
    <message>
        <source>&amp;Save Reading</source>
        <translation>保存读片结果(&amp;S)</translation>
    </message>
    <message>
        <source> months</source>
        <translation> 个月</translation>
    </message>
    <message>
        <source>Your bone age in months (0 to 240)</source>
        <translation>您判读的骨龄，以月为单位（0 至 240）</translation>
    </message>
    <message>
        <source> y</source>
        <translation> 岁</translation>
    </message>
    <message>
        <source> m</source>
        <translation> 月</translation>
    </message>
    <message>
        <source>The same age in years and months</source>
        <translation>以年和月表示的同一年龄</translation>
    </message>
    <message>
        <source>not given</source>
        <translation>未填写</translation>
    </message>
    <message>
        <source>low</source>
        <translation>低</translation>
    </message>
    <message>
        <source>medium</source>
        <translation>中</translation>
    </message>
    <message>
        <source>high</source>
        <translation>高</translation>
    </message>
    <message>
        <source>Comment (optional)</source>
        <translation>备注（可选）</translation>
    </message>
    <message>
        <source>or</source>
        <translation>或</translation>
    </message>
    <message>
        <source>Bone age:</source>
        <translation>骨龄：</translation>
    </message>
    <message>
        <source>Method:</source>
        <translation>方法：</translation>
    </message>
    <message>
        <source>Confidence:</source>
        <translation>把握程度：</translation>
    </message>
    <message>
        <source>Comment:</source>
        <translation>备注：</translation>
    </message>
    <message>
        <source>Open a case of the workspace to read it.</source>
        <translation>打开工作区中的病例以进行读片。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Your reading of case %1&lt;/b&gt;</source>
        <translation>&lt;b&gt;您对病例 %1 的读片&lt;/b&gt;</translation>
    </message>
    <message>
        <source>No reading of this case yet.</source>
        <translation>此病例尚无读片结果。</translation>
    </message>
    <message>
        <source>%1: %2 months (%3), %4</source>
        <translation>%1：%2 个月（%3），%4</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 (you)&lt;/b&gt;</source>
        <translation>&lt;b&gt;%1（您）&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Reader vs reader&lt;/b&gt;</source>
        <translation>&lt;b&gt;读片者之间&lt;/b&gt;</translation>
    </message>
    <message>
        <source>%1 − %2: %3 months</source>
        <translation>%1 − %2：%3 个月</translation>
    </message>
    <message>
        <source>&lt;b&gt;Reader vs model&lt;/b&gt; (model %1 months)</source>
        <translation>&lt;b&gt;读片者与模型&lt;/b&gt;（模型 %1 个月）</translation>
    </message>
    <message>
        <source>%1 − model: %2 months</source>
        <translation>%1 − 模型：%2 个月</translation>
    </message>
    <message>
        <source>&lt;i&gt;Research use, not a medical device.&lt;/i&gt;</source>
        <translation>&lt;i&gt;仅供研究使用，非医疗器械。&lt;/i&gt;</translation>
    </message>
</context>
<context>
    <name>boneage::ui::RoiGallery</name>
    <message>
        <source>not placed</source>
        <translation>未放置</translation>
    </message>
    <message>
        <source>Stage:</source>
        <translation>分期：</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>%1 px</source>
        <translation>%1 像素</translation>
    </message>
    <message>
        <source>stage %1</source>
        <translation>分期 %1</translation>
    </message>
    <message>
        <source>%1%2 mo</source>
        <translation>%1%2 月</translation>
    </message>
    <message>
        <source>&lt;b&gt;TW3 ROIs&lt;/b&gt; at film resolution, upright with their bones; click one to centre the view on it.</source>
        <translation>&lt;b&gt;TW3 ROI&lt;/b&gt;（原片分辨率，按骨骼方向摆正）；点击可将视图居中到该区域。</translation>
    </message>
    <message>
        <source>No ROIs: the hand was not found or no case is open.</source>
        <translation>无 ROI：未找到手部或未打开病例。</translation>
    </message>
    <message>
        <source>Weighed most for %1 (estimate minus the estimate with the ROI masked): %2</source>
        <translation>对 %1 影响最大的区域（估计值减去遮蔽该 ROI 后的估计值）：%2</translation>
    </message>
</context>
<context>
    <name>boneage::ui::RoiLayer</name>
    <message>
        <source>TW3 regions</source>
        <translation>TW3 区域</translation>
    </message>
    <message>
        <source>RUS bones (radius, ulna, short bones)</source>
        <translation>RUS 骨（桡骨、尺骨、短骨）</translation>
    </message>
    <message>
        <source>Carpal bones</source>
        <translation>腕骨</translation>
    </message>
    <message>
        <source>ROI that weighed most for the model&apos;s estimate</source>
        <translation>对模型估计影响最大的 ROI</translation>
    </message>
    <message>
        <source>ROI that weighed least</source>
        <translation>影响最小的 ROI</translation>
    </message>
</context>
<context>
    <name>boneage::ui::SendDialog</name>
    <message>
        <source>Test Connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Structured report (DICOM SR): each model&apos;s estimate, the interval, the readings, the ROIs and keypoints</source>
        <translation>结构化报告（DICOM SR）：各模型的估计、区间、阅片结果、ROI 和关键点</translation>
    </message>
    <message>
        <source>Secondary capture: the film with the overlays and the result burned in</source>
        <translation>二次采集（SC）：叠加层和结果烧录在片子上</translation>
    </message>
    <message>
        <source>The PDF report, encapsulated in DICOM</source>
        <translation>封装在 DICOM 中的 PDF 报告</translation>
    </message>
    <message>
        <source>Send to PACS</source>
        <translation>发送到 PACS</translation>
    </message>
    <message>
        <source>Asks the node whether it answers and accepts this workstation (C-ECHO).</source>
        <translation>询问该节点是否应答并接受本工作站（C-ECHO）。</translation>
    </message>
    <message>
        <source>The film (%1)</source>
        <translation>片子（%1）</translation>
    </message>
    <message>
        <source>The film (%1): not a DICOM file, so it cannot be sent</source>
        <translation>片子（%1）：不是 DICOM 文件，无法发送</translation>
    </message>
    <message>
        <source>What to send</source>
        <translation>发送内容</translation>
    </message>
    <message>
        <source>The results go into the study of the film, as a new series. Research software, not a certified medical device: the results must be reviewed by a radiologist.</source>
        <translation>结果作为新序列放入该片子的检查中。本软件为研究用途，并非经认证的医疗器械：结果必须由放射科医生审核。</translation>
    </message>
    <message>
        <source>Object</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>SOP Instance UID</source>
        <translation>SOP Instance UID</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Send to</source>
        <translation>发送到</translation>
    </message>
    <message>
        <source>Asking %1…</source>
        <translation>正在询问 %1…</translation>
    </message>
    <message>
        <source>%1 answered (C-ECHO, %2 ms).</source>
        <translation>%1 已应答（C-ECHO，%2 毫秒）。</translation>
    </message>
    <message>
        <source>Film</source>
        <translation>片子</translation>
    </message>
    <message>
        <source>Cannot make a temporary folder for the result objects.</source>
        <translation>无法为结果对象创建临时文件夹。</translation>
    </message>
    <message>
        <source>The result objects could not all be written.</source>
        <translation>结果对象未能全部写出。</translation>
    </message>
    <message>
        <source>Structured report</source>
        <translation>结构化报告</translation>
    </message>
    <message>
        <source>Secondary capture</source>
        <translation>二次采集</translation>
    </message>
    <message>
        <source>PDF report</source>
        <translation>PDF 报告</translation>
    </message>
    <message>
        <source>Tick what to send.</source>
        <translation>请勾选要发送的内容。</translation>
    </message>
    <message>
        <source>Sending %1 objects to %2…</source>
        <translation>正在向 %2 发送 %1 个对象…</translation>
    </message>
    <message>
        <source>stored</source>
        <translation>已存储</translation>
    </message>
    <message>
        <source>%1 of %2 objects stored on %3.</source>
        <translation>%3 上已存储 %1/%2 个对象。</translation>
    </message>
    <message>
        <source>%1 of %2 objects stored on %3; see the table for what was refused.</source>
        <translation>%3 上已存储 %1/%2 个对象；被拒绝的见表格。</translation>
    </message>
</context>
<context>
    <name>boneage::ui::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Automatic: the GPU when available, else the CPU</source>
        <translation>自动：有 GPU 时使用 GPU，否则使用 CPU</translation>
    </message>
    <message>
        <source>CPU only</source>
        <translation>仅 CPU</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>系统语言</translation>
    </message>
    <message>
        <source>, boys</source>
        <translation>，男孩</translation>
    </message>
    <message>
        <source>, girls</source>
        <translation>，女孩</translation>
    </message>
    <message>
        <source>%1 (cannot be used: %2)</source>
        <translation>%1（无法使用：%2）</translation>
    </message>
    <message>
        <source>Run the models on</source>
        <translation>模型运行于</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Device and language changes take effect when the workstation is started again.</source>
        <translation>计算设备和语言的更改将在工作站下次启动时生效。</translation>
    </message>
    <message>
        <source>Installed models (in %1)</source>
        <translation>已安装的模型（位于 %1）</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>Weight in the ensemble mean (1 = equal; 0 = shown but not averaged)</source>
        <translation>在集成平均值中的权重（1 = 等权；0 = 显示但不参与平均）</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>The shipped reference atlas</source>
        <translation>随附的参考图谱</translation>
    </message>
    <message>
        <source>Atlas folder</source>
        <translation>图谱文件夹</translation>
    </message>
    <message>
        <source>Choose an atlas folder</source>
        <translation>选择图谱文件夹</translation>
    </message>
    <message>
        <source> months</source>
        <translation> 个月</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从不</translation>
    </message>
    <message>
        <source>A result whose 90 % prediction interval is wider than this is marked &quot;review required&quot;.</source>
        <translation>90% 预测区间宽于此值的结果将标记为“需要复核”。</translation>
    </message>
    <message>
        <source>Review when the interval is wider than</source>
        <translation>区间宽于此值时复核</translation>
    </message>
    <message>
        <source>Ticked models are run. With weights left at 1 the ensemble uses the weights fitted on held-out films (models/ensemble.json) and shows its calibrated interval; any other weight replaces them, and no interval is shown.</source>
        <translation>运行勾选的模型。权重均保持为 1 时，集成使用在留出片上拟合的权重（models/ensemble.json）并显示其校准区间；任何其他权重将替换它们，且不显示区间。</translation>
    </message>
    <message>
        <source>The AE title this workstation calls the PACS with; the PACS must know it.</source>
        <translation>本工作站呼叫 PACS 时使用的 AE 标题；PACS 必须认识它。</translation>
    </message>
    <message>
        <source>One node per line: AET@HOST:PORT, e.g. PACS@10.0.0.5:104</source>
        <translation>每行一个节点：AET@HOST:PORT，例如 PACS@10.0.0.5:104</translation>
    </message>
    <message>
        <source>Our AE title</source>
        <translation>本机 AE 标题</translation>
    </message>
    <message>
        <source>DICOM nodes (PACS)</source>
        <translation>DICOM 节点（PACS）</translation>
    </message>
</context>
<context>
    <name>boneage::ui::TrainingCurves</name>
    <message>
        <source>Training loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Check-set MAE</source>
        <translation>检验集 MAE</translation>
    </message>
    <message>
        <source>months</source>
        <translation>月</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>Check-set keypoint error</source>
        <translation>检验集关键点误差</translation>
    </message>
    <message>
        <source>fraction of the hand scale</source>
        <translation>手部尺度的比例</translation>
    </message>
</context>
<context>
    <name>boneage::ui::TrainingJobRunner</name>
    <message>
        <source>the boneage program was not found beside the workstation (%1) or on the PATH; install it there or name it in BONEAGE_COMMAND</source>
        <translation>在工作站旁（%1）或 PATH 中找不到 boneage 程序；请将其安装在该处，或在 BONEAGE_COMMAND 中指定</translation>
    </message>
    <message>
        <source>model version %1</source>
        <translation>模型版本 %1</translation>
    </message>
</context>
<context>
    <name>boneage::ui::TrainingPanel</name>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>&amp;Start Training</source>
        <translation>开始训练(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Cancel Job</source>
        <translation>取消任务(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Remove from Queue</source>
        <translation>从队列中移除(&amp;R)</translation>
    </message>
    <message>
        <source>Res&amp;ume</source>
        <translation>继续(&amp;U)</translation>
    </message>
    <message>
        <source>Train a Model</source>
        <translation>训练模型</translation>
    </message>
    <message>
        <source>The model the training starts from: the installed models or a finished version of this workspace</source>
        <translation>训练的起点模型：已安装的模型，或本工作区中已完成的版本</translation>
    </message>
    <message>
        <source>Bone age model (cases with a reading)</source>
        <translation>骨龄模型（有读片结果的病例）</translation>
    </message>
    <message>
        <source>Hand landmark model (corrected keypoints)</source>
        <translation>手部关键点模型（已修正的关键点）</translation>
    </message>
    <message>
        <source>Fine-tune (early blocks frozen)</source>
        <translation>微调（冻结前几个模块）</translation>
    </message>
    <message>
        <source>Full (every layer trained)</source>
        <translation>完整训练（训练所有层）</translation>
    </message>
    <message>
        <source>Fine-tuning keeps the architecture&apos;s early blocks as they are and adapts the rest to the local films</source>
        <translation>微调保持网络结构的前几个模块不变，只让其余部分适应本地X线片</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>GPU (CUDA)</source>
        <translation>GPU（CUDA）</translation>
    </message>
    <message>
        <source>LibTorch sees no GPU on this computer</source>
        <translation>LibTorch 在此计算机上未检测到 GPU</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>Time budget of the whole job; the last epoch is cut short and still measured</source>
        <translation>整个任务的时间预算；最后一个轮次会被截短，但仍会测量</translation>
    </message>
    <message>
        <source>At most this many epochs; the time budget usually ends the training first</source>
        <translation>最多训练这么多轮次；通常时间预算会先结束训练</translation>
    </message>
    <message>
        <source>Queue the job; it starts when the jobs before it have ended</source>
        <translation>将任务加入队列；前面的任务结束后它才开始</translation>
    </message>
    <message>
        <source>Stop the running job after its current step; it keeps its checkpoint and can be resumed</source>
        <translation>在当前步骤后停止正在运行的任务；检查点会保留，之后可以继续</translation>
    </message>
    <message>
        <source>Continue a failed or cancelled version from its last checkpoint, within what is left of its time budget</source>
        <translation>在剩余的时间预算内，从最后的检查点继续失败或已取消的版本</translation>
    </message>
    <message>
        <source>The job&apos;s messages appear here</source>
        <translation>任务信息显示在这里</translation>
    </message>
    <message>
        <source>Base model:</source>
        <translation>基础模型：</translation>
    </message>
    <message>
        <source>Train:</source>
        <translation>训练对象：</translation>
    </message>
    <message>
        <source>Recipe:</source>
        <translation>方案：</translation>
    </message>
    <message>
        <source>Device:</source>
        <translation>计算设备：</translation>
    </message>
    <message>
        <source>Time budget:</source>
        <translation>时间预算：</translation>
    </message>
    <message>
        <source>Epochs at most:</source>
        <translation>最多轮次：</translation>
    </message>
    <message>
        <source>New job</source>
        <translation>新任务</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Interrupted versions:</source>
        <translation>被中断的版本：</translation>
    </message>
    <message>
        <source>Model version %1: starting</source>
        <translation>模型版本 %1：正在启动</translation>
    </message>
    <message>
        <source>Model version %1: %2</source>
        <translation>模型版本 %1：%2</translation>
    </message>
    <message>
        <source>— model version %1: %2 —</source>
        <translation>— 模型版本 %1：%2 —</translation>
    </message>
    <message>
        <source>Not started: %1. %2</source>
        <translation>未启动：%1。%2</translation>
    </message>
    <message>
        <source>Model version %1 (%2)</source>
        <translation>模型版本 %1（%2）</translation>
    </message>
    <message>
        <source>%1 read cases: %2 in the check set (never trained on), %3 for training.</source>
        <translation>%1 个已读片病例：%2 个在检验集中（从不用于训练），%3 个用于训练。</translation>
    </message>
    <message>
        <source>%1 read cases. The first job draws the check set (%2 cases, never trained on) and trains on the others; at least %3 read cases are needed.</source>
        <translation>%1 个已读片病例。首次任务会抽取检验集（%2 个病例，从不用于训练），并用其余病例训练；至少需要 %3 个已读片病例。</translation>
    </message>
    <message>
        <source>The model registry cannot be read: %1</source>
        <translation>无法读取模型注册表：%1</translation>
    </message>
    <message>
        <source>Open a workspace to train on its read cases.</source>
        <translation>打开工作区，以用其已读片病例进行训练。</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Running: model version %1 – %2</source>
        <translation>运行中：模型版本 %1 – %2</translation>
    </message>
    <message>
        <source>Queued: %1</source>
        <translation>排队中：%1</translation>
    </message>
    <message>
        <source>No job running or queued</source>
        <translation>没有正在运行或排队的任务</translation>
    </message>
    <message>
        <source>The workspace is open read-only: no training.</source>
        <translation>工作区以只读方式打开：无法训练。</translation>
    </message>
    <message>
        <source>Open a workspace for writing to train on it.</source>
        <translation>以可写方式打开工作区才能在其上训练。</translation>
    </message>
    <message>
        <source>No base model: install the models or finish a version first.</source>
        <translation>没有基础模型：请先安装模型或完成一个版本。</translation>
    </message>
    <message>
        <source>%1 from %2, %3, %4, %5 min</source>
        <translation>%1，基于 %2，%3，%4，%5 分钟</translation>
    </message>
    <message>
        <source>Queued: it starts when the running job has ended.</source>
        <translation>已加入队列：当前任务结束后开始。</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <source>resume model version %1</source>
        <translation>继续模型版本 %1</translation>
    </message>
    <message>
        <source>Preparing the films for training</source>
        <translation>正在为训练预处理X线片</translation>
    </message>
    <message>
        <source>Measuring the base and the new model on the check set</source>
        <translation>正在检验集上测量基础模型和新模型</translation>
    </message>
    <message>
        <source>Phase: %1</source>
        <translation>阶段：%1</translation>
    </message>
    <message>
        <source>Training %1 (%2 of %3)</source>
        <translation>正在训练 %1（第 %2 个，共 %3 个）</translation>
    </message>
    <message>
        <source>%1, epoch %2: loss %3, check-set MAE %4 months</source>
        <translation>%1，第 %2 轮：损失 %3，检验集 MAE %4 个月</translation>
    </message>
    <message>
        <source>not measured</source>
        <translation>未测量</translation>
    </message>
    <message>
        <source>%1 finished</source>
        <translation>%1 已完成</translation>
    </message>
    <message>
        <source>The job ended: %1</source>
        <translation>任务已结束：%1</translation>
    </message>
    <message>
        <source>Model version %1: %2 %, about %3 left</source>
        <translation>模型版本 %1：%2 %，约剩 %3</translation>
    </message>
    <message>
        <source>Model version %1: %2 %</source>
        <translation>模型版本 %1：%2 %</translation>
    </message>
    <message>
        <source>Model version %1 is ready. It is not in use: compare it with the model in use in Models &gt; Model Versions.</source>
        <translation>模型版本 %1 已就绪。它尚未启用：请在“模型 &gt; 模型版本”中与在用模型比较。</translation>
    </message>
    <message>
        <source>Model version %1 was cancelled: %2</source>
        <translation>模型版本 %1 已取消：%2</translation>
    </message>
    <message>
        <source>Model version %1 failed: %2</source>
        <translation>模型版本 %1 失败：%2</translation>
    </message>
    <message>
        <source>Installed models</source>
        <translation>已安装的模型</translation>
    </message>
    <message>
        <source>Prepared %1 films with the recipe %2 (%3 skipped)</source>
        <translation>已用方案 %2 预处理 %1 张X线片（跳过 %3 张）</translation>
    </message>
    <message>
        <source>Fine-tunes a hand landmark package on the read cases whose keypoints readers confirmed or corrected (at least %1 outside the check set and %2 in it)</source>
        <translation>在读者已确认或修正关键点的已判读病例上微调手部关键点模型包（检验集外至少 %1 例，检验集内至少 %2 例）</translation>
    </message>
    <message>
        <source>Installed landmark model</source>
        <translation>已安装的关键点模型</translation>
    </message>
    <message>
        <source>%1 read cases with corrected keypoints: %2 in the check set (measured, never trained on), %3 for training.</source>
        <translation>%1 个已判读病例带有修正的关键点：%2 个在检验集中（仅测量，从不用于训练），%3 个用于训练。</translation>
    </message>
    <message>
        <source>%1 read cases with corrected keypoints. The first job draws the check set from the read cases; its hands are measured, never trained on.</source>
        <translation>%1 个已判读病例带有修正的关键点。第一个任务从已判读病例中抽取检验集；其中的手部只测量，从不用于训练。</translation>
    </message>
    <message>
        <source>%1, epoch %2: loss %3, check-set keypoint error %4 of the hand scale</source>
        <translation>%1，第 %2 轮：损失 %3，检验集关键点误差为手部尺度的 %4</translation>
    </message>
</context>
<context>
    <name>boneage::ui::Worklist</name>
    <message>
        <source>All cases</source>
        <translation>全部病例</translation>
    </message>
    <message>
        <source>Show the cases of one status</source>
        <translation>显示某一状态的病例</translation>
    </message>
    <message>
        <source>Filter: case, file, sex…</source>
        <translation>筛选：病例、文件、性别…</translation>
    </message>
    <message numerus="yes">
        <source>%n case(s)</source>
        <translation>
            <numerusform>%n 个病例</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n case(s) shown</source>
        <translation>
            <numerusform>显示 %1 / %n 个病例</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>boneage::ui::WorklistModel</name>
    <message>
        <source>new</source>
        <translation>新</translation>
    </message>
    <message>
        <source>assessed</source>
        <translation>已评估</translation>
    </message>
    <message>
        <source>annotated</source>
        <translation>已标注</translation>
    </message>
    <message>
        <source>read</source>
        <translation>已读片</translation>
    </message>
    <message>
        <source>double-read</source>
        <translation>双人读片</translation>
    </message>
    <message>
        <source>male</source>
        <translation>男</translation>
    </message>
    <message>
        <source>female</source>
        <translation>女</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Case %1, imported %2 from %3</source>
        <translation>病例 %1，于 %2 从 %3 导入</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>病例</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>年龄</translation>
    </message>
    <message>
        <source>Model (months)</source>
        <translation>模型（月）</translation>
    </message>
    <message>
        <source>Reading (months)</source>
        <translation>读片（月）</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message numerus="yes">
        <source>%1, mean of %n reader(s)</source>
        <translation>
            <numerusform>%1，%n 位读片者的平均值</numerusform>
        </translation>
    </message>
</context>
</TS>
