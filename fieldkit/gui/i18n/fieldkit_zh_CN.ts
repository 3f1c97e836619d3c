<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Capture</name>
    <message>
        <location filename="../texts.py" line="82"/>
        <source>injured or bandaged</source>
        <translation>受伤或包扎</translation>
    </message>
    <message>
        <location filename="../texts.py" line="83"/>
        <source>amputated</source>
        <translation>截肢</translation>
    </message>
    <message>
        <location filename="../texts.py" line="84"/>
        <source>the person refused</source>
        <translation>本人拒绝</translation>
    </message>
    <message>
        <location filename="../texts.py" line="85"/>
        <source>the scanner is faulty</source>
        <translation>扫描仪故障</translation>
    </message>
    <message>
        <location filename="../texts.py" line="86"/>
        <source>other reason</source>
        <translation>其他原因</translation>
    </message>
    <message>
        <location filename="../texts.py" line="91"/>
        <source>Left palm</source>
        <translation>左手掌</translation>
    </message>
    <message>
        <location filename="../texts.py" line="91"/>
        <source>Right palm</source>
        <translation>右手掌</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_capture_steps.py" line="40"/>
        <source>Capture again</source>
        <translation>重新采集</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_capture_steps.py" line="42"/>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_capture_steps.py" line="107"/>
        <source>Ask the person to look at the camera.</source>
        <translation>请被采集人看向摄像头。</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_capture_steps.py" line="108"/>
        <source>Skip the face</source>
        <translation>跳过人脸</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_capture_steps.py" line="156"/>
        <source>The face is skipped; the palms will be enrolled.</source>
        <translation>已跳过人脸，将只采集手掌。</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_capture_steps.py" line="166"/>
        <source>Looking for the face…</source>
        <translation>正在寻找人脸…</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_capture_steps.py" line="177"/>
        <source>Checking the picture…</source>
        <translation>正在检查照片…</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_capture_steps.py" line="187"/>
        <source>Face captured ✔</source>
        <translation>人脸已采集 ✔</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_capture_steps.py" line="207"/>
        <source>This hand cannot be captured</source>
        <translation>此手无法采集</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_capture_steps.py" line="224"/>
        <source>{hand}: sample {n} of {total}</source>
        <translation>{hand}：第 {n}/{total} 次采集</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_capture_steps.py" line="319"/>
        <source>{hand} done ✔</source>
        <translation>{hand}已完成 ✔</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_capture_steps.py" line="243"/>
        <source>Not captured: {reason}.</source>
        <translation>未采集：{reason}。</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_capture_steps.py" line="271"/>
        <source>Lay the hand flat on the scanner, fingers spread.</source>
        <translation>请将手平放在扫描仪上，五指张开。</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_capture_steps.py" line="294"/>
        <source>Sample {n} kept ✔ — lift the hand.</source>
        <translation>第 {n} 次已保存 ✔ — 请抬起手。</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_capture_steps.py" line="302"/>
        <source>Checking that the samples agree…</source>
        <translation>正在核对几次采集是否一致…</translation>
    </message>
</context>
<context>
    <name>CardInput</name>
    <message>
        <location filename="../widgets/card_input.py" line="39"/>
        <source>18-character ID number</source>
        <translation>18 位身份证号码</translation>
    </message>
    <message>
        <location filename="../widgets/card_input.py" line="56"/>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <location filename="../widgets/card_input.py" line="60"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../widgets/card_input.py" line="64"/>
        <source>Lay the ID card on the reader.</source>
        <translation>请把身份证放在读卡器上。</translation>
    </message>
    <message>
        <location filename="../widgets/card_input.py" line="66"/>
        <source>No card, or the reader does not work? Type the details:</source>
        <translation>没带证或读卡器不能用？请手工录入：</translation>
    </message>
    <message>
        <location filename="../widgets/card_input.py" line="92"/>
        <source>Waiting for the card…</source>
        <translation>正在等待身份证…</translation>
    </message>
    <message>
        <location filename="../widgets/card_input.py" line="32"/>
        <source>Read card (F2)</source>
        <translation>读身份证 (F2)</translation>
    </message>
    <message>
        <location filename="../widgets/card_input.py" line="42"/>
        <source>Use typed</source>
        <translation>使用手工录入</translation>
    </message>
</context>
<context>
    <name>Cases</name>
    <message>
        <location filename="../texts.py" line="22"/>
        <source>No ID card</source>
        <translation>无身份证</translation>
    </message>
    <message>
        <location filename="../texts.py" line="23"/>
        <source>ID details differ</source>
        <translation>身份信息不一致</translation>
    </message>
    <message>
        <location filename="../texts.py" line="24"/>
        <source>Hand could not be captured</source>
        <translation>手掌无法采集</translation>
    </message>
    <message>
        <location filename="../texts.py" line="25"/>
        <source>Home visit</source>
        <translation>上门认证</translation>
    </message>
    <message>
        <location filename="../texts.py" line="26"/>
        <source>Delegated certification</source>
        <translation>委托认证</translation>
    </message>
    <message>
        <location filename="../texts.py" line="27"/>
        <source>Suspected duplicate</source>
        <translation>疑似重复</translation>
    </message>
    <message>
        <location filename="../texts.py" line="36"/>
        <source>open</source>
        <translation>待处理</translation>
    </message>
    <message>
        <location filename="../texts.py" line="37"/>
        <source>approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <location filename="../texts.py" line="38"/>
        <source>rejected</source>
        <translation>已驳回</translation>
    </message>
    <message>
        <location filename="../texts.py" line="45"/>
        <source>What differs</source>
        <translation>不一致之处</translation>
    </message>
    <message>
        <location filename="../texts.py" line="46"/>
        <source>Hand</source>
        <translation>手</translation>
    </message>
    <message>
        <location filename="../texts.py" line="47"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../texts.py" line="48"/>
        <source>Similarity</source>
        <translation>相似度</translation>
    </message>
    <message>
        <location filename="../texts.py" line="49"/>
        <source>Matching hand of the other person</source>
        <translation>另一人的相似手掌</translation>
    </message>
    <message>
        <location filename="../texts.py" line="50"/>
        <source>Face vs card photo</source>
        <translation>人脸与证件照对比</translation>
    </message>
    <message>
        <location filename="../texts.py" line="51"/>
        <source>Witness relation</source>
        <translation>见证人关系</translation>
    </message>
    <message>
        <location filename="../texts.py" line="52"/>
        <source>Office</source>
        <translation>经办机构</translation>
    </message>
    <message>
        <location filename="../texts.py" line="53"/>
        <source>Approval</source>
        <translation>审批编号</translation>
    </message>
    <message>
        <location filename="../texts.py" line="54"/>
        <source>Approved by</source>
        <translation>审批人</translation>
    </message>
    <message>
        <location filename="../texts.py" line="77"/>
        <source>{what}: {value}</source>
        <translation>{what}：{value}</translation>
    </message>
    <message>
        <location filename="../texts.py" line="28"/>
        <source>Certification not passed</source>
        <translation>认证未通过</translation>
    </message>
    <message>
        <location filename="../texts.py" line="55"/>
        <source>Attempts</source>
        <translation>尝试次数</translation>
    </message>
    <message>
        <location filename="../texts.py" line="56"/>
        <source>Last result</source>
        <translation>最后结果</translation>
    </message>
    <message>
        <location filename="../texts.py" line="57"/>
        <source>Tried</source>
        <translation>已尝试</translation>
    </message>
    <message>
        <location filename="../texts.py" line="58"/>
        <source>Scores</source>
        <translation>分数</translation>
    </message>
    <message>
        <location filename="../texts.py" line="59"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../texts.py" line="29"/>
        <source>Suspected presentation attack</source>
        <translation>疑似假体攻击</translation>
    </message>
    <message>
        <location filename="../texts.py" line="30"/>
        <source>Liveness check not possible</source>
        <translation>无法完成活体检测</translation>
    </message>
</context>
<context>
    <name>CasesScreen</name>
    <message>
        <location filename="../screens/cases_screen.py" line="43"/>
        <source>Show decided cases too</source>
        <translation>同时显示已处理的案件</translation>
    </message>
    <message>
        <location filename="../screens/cases_screen.py" line="46"/>
        <source>Reference</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../screens/cases_screen.py" line="46"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../screens/cases_screen.py" line="46"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../screens/cases_screen.py" line="46"/>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <location filename="../screens/cases_screen.py" line="55"/>
        <source>Why? (required)</source>
        <translation>理由（必填）</translation>
    </message>
    <message>
        <location filename="../screens/cases_screen.py" line="58"/>
        <source>Approve</source>
        <translation>批准</translation>
    </message>
    <message>
        <location filename="../screens/cases_screen.py" line="59"/>
        <source>Reject</source>
        <translation>驳回</translation>
    </message>
    <message>
        <location filename="../screens/cases_screen.py" line="68"/>
        <source>Decision note</source>
        <translation>处理意见</translation>
    </message>
    <message>
        <location filename="../screens/cases_screen.py" line="85"/>
        <source>Cases</source>
        <translation>案件</translation>
    </message>
    <message>
        <location filename="../screens/cases_screen.py" line="135"/>
        <source>Choose a case on the left.</source>
        <translation>请在左侧选择一个案件。</translation>
    </message>
    <message>
        <location filename="../screens/cases_screen.py" line="144"/>
        <source>Person: {name} {number}</source>
        <translation>人员：{name} {number}</translation>
    </message>
    <message>
        <location filename="../screens/cases_screen.py" line="145"/>
        <source>Opened: {when}</source>
        <translation>立案时间：{when}</translation>
    </message>
    <message>
        <location filename="../screens/cases_screen.py" line="149"/>
        <source>Decided {when}: {note}</source>
        <translation>处理时间 {when}：{note}</translation>
    </message>
    <message>
        <location filename="../screens/cases_screen.py" line="155"/>
        <source>You are a supervisor: your decision is recorded under your name.</source>
        <translation>您是主管：处理结果将以您的名义记录。</translation>
    </message>
    <message>
        <location filename="../screens/cases_screen.py" line="155"/>
        <source>A supervisor must confirm the decision with their password.</source>
        <translation>需由主管输入密码确认处理结果。</translation>
    </message>
    <message>
        <location filename="../screens/cases_screen.py" line="172"/>
        <source>Case {ref}: a supervisor must confirm that it is APPROVED.</source>
        <translation>案件 {ref}：需主管确认【批准】。</translation>
    </message>
    <message>
        <location filename="../screens/cases_screen.py" line="172"/>
        <source>Case {ref}: a supervisor must confirm that it is REJECTED.</source>
        <translation>案件 {ref}：需主管确认【驳回】。</translation>
    </message>
    <message>
        <location filename="../screens/cases_screen.py" line="199"/>
        <source>Case {ref} approved: the enrolment it held can now be used for certification.</source>
        <translation>案件 {ref} 已批准：被暂缓的采集信息现在可以用于认证。</translation>
    </message>
</context>
<context>
    <name>CertificationScreen</name>
    <message>
        <location filename="../screens/certification_screen.py" line="82"/>
        <source>1. ID card</source>
        <translation>1. 身份证</translation>
    </message>
    <message>
        <location filename="../screens/certification_screen.py" line="86"/>
        <source>Hand</source>
        <translation>手</translation>
    </message>
    <message>
        <location filename="../screens/certification_screen.py" line="93"/>
        <source>2. Palm</source>
        <translation>2. 手掌</translation>
    </message>
    <message>
        <location filename="../screens/certification_screen.py" line="95"/>
        <source>Face</source>
        <translation>人脸</translation>
    </message>
    <message>
        <location filename="../screens/certification_screen.py" line="112"/>
        <source>Enrol this person</source>
        <translation>为此人采集</translation>
    </message>
    <message>
        <location filename="../screens/certification_screen.py" line="114"/>
        <source>Next person</source>
        <translation>下一位</translation>
    </message>
    <message>
        <location filename="../screens/certification_screen.py" line="140"/>
        <source>Certification</source>
        <translation>资格认证</translation>
    </message>
    <message>
        <location filename="../screens/certification_screen.py" line="159"/>
        <source>Read the card to begin.</source>
        <translation>请读取身份证开始。</translation>
    </message>
    <message>
        <location filename="../screens/certification_screen.py" line="200"/>
        <source>Looking the person up…</source>
        <translation>正在查找此人…</translation>
    </message>
    <message>
        <location filename="../screens/certification_screen.py" line="225"/>
        <source>This person has no usable enrolment: enrol them first.</source>
        <translation>此人没有可用的采集记录：请先采集。</translation>
    </message>
    <message>
        <location filename="../screens/certification_screen.py" line="234"/>
        <source>Already certified this year on {date} at {place}.</source>
        <translation>本年度已于 {date} 在 {place} 认证。</translation>
    </message>
    <message>
        <location filename="../screens/certification_screen.py" line="287"/>
        <source>Attempt {n}: lay the {hand} on the scanner.</source>
        <translation>第 {n} 次：请把{hand}放在扫描仪上。</translation>
    </message>
    <message>
        <location filename="../screens/certification_screen.py" line="328"/>
        <source>Palm captured ✔</source>
        <translation>手掌已采集 ✔</translation>
    </message>
    <message>
        <location filename="../screens/certification_screen.py" line="331"/>
        <source>Face captured ✔</source>
        <translation>人脸已采集 ✔</translation>
    </message>
    <message>
        <location filename="../screens/certification_screen.py" line="378"/>
        <source>Comparing with the enrolment…</source>
        <translation>正在与采集记录比对…</translation>
    </message>
    <message>
        <location filename="../screens/certification_screen.py" line="411"/>
        <source>Decided {s:.1f} s after the card was read.</source>
        <translation>读卡后 {s:.1f} 秒得出结果。</translation>
    </message>
    <message>
        <location filename="../screens/certification_screen.py" line="430"/>
        <source>Receipt {number}.</source>
        <translation>回执 {number}。</translation>
    </message>
    <message>
        <location filename="../screens/certification_paperwork.py" line="106"/>
        <source>Receipt</source>
        <translation>回执</translation>
    </message>
    <message>
        <location filename="../screens/certification_screen.py" line="104"/>
        <source>Print the receipt…</source>
        <translation>打印回执…</translation>
    </message>
    <message>
        <location filename="../screens/certification_screen.py" line="285"/>
        <source>Attempt {n}: the person looks at the camera.</source>
        <translation>第 {n} 次：请本人看向摄像头。</translation>
    </message>
    <message>
        <location filename="../screens/certification_paperwork.py" line="59"/>
        <source>Opening a case…</source>
        <translation>正在提交审核…</translation>
    </message>
    <message>
        <location filename="../screens/certification_screen.py" line="106"/>
        <source>Reprint the receipt…</source>
        <translation>补打回执…</translation>
    </message>
    <message>
        <location filename="../screens/certification_screen.py" line="191"/>
        <source>Complete the form, then read the card again.</source>
        <translation>请补全表格，然后重新读卡。</translation>
    </message>
    <message>
        <location filename="../screens/certification_screen.py" line="110"/>
        <source>Print notice…</source>
        <translation>打印告知单…</translation>
    </message>
    <message>
        <location filename="../screens/certification_screen.py" line="216"/>
        <source>The enrolment is held for review: a supervisor must first decide case {cases}.</source>
        <translation>采集信息待复核：须由主管先处理案件 {cases}。</translation>
    </message>
    <message>
        <location filename="../screens/certification_screen.py" line="220"/>
        <source>The enrolment was rejected on review (case {cases}): this person cannot be certified; call the supervisor.</source>
        <translation>采集信息经复核被驳回（案件 {cases}）：此人不能认证，请联系主管。</translation>
    </message>
</context>
<context>
    <name>Certify</name>
    <message>
        <location filename="../texts.py" line="144"/>
        <source>The palm matches the enrolment.</source>
        <translation>手掌与采集记录一致。</translation>
    </message>
    <message>
        <location filename="../texts.py" line="145"/>
        <source>Palm and face together match the enrolment.</source>
        <translation>手掌与人脸综合比对一致。</translation>
    </message>
    <message>
        <location filename="../texts.py" line="146"/>
        <source>No usable palm or face was captured.</source>
        <translation>未采集到可用的手掌或人脸。</translation>
    </message>
    <message>
        <location filename="../texts.py" line="147"/>
        <source>Close, but not enough: capture the palm again.</source>
        <translation>接近但不够：请重新采集手掌。</translation>
    </message>
    <message>
        <location filename="../texts.py" line="148"/>
        <source>Still not enough on the last allowed attempt: a supervisor must look.</source>
        <translation>最后一次仍未通过：需主管复核。</translation>
    </message>
    <message>
        <location filename="../texts.py" line="151"/>
        <source>Only the face matches: a supervisor must confirm.</source>
        <translation>只有人脸一致：需主管确认。</translation>
    </message>
    <message>
        <location filename="../texts.py" line="154"/>
        <source>Neither palm nor face matches this person&apos;s enrolment.</source>
        <translation>手掌和人脸均与此人的采集记录不符。</translation>
    </message>
    <message>
        <location filename="../texts.py" line="163"/>
        <source>face</source>
        <translation>人脸</translation>
    </message>
    <message>
        <location filename="../texts.py" line="173"/>
        <source>The palm does not match this person&apos;s enrolment.</source>
        <translation>手掌与此人的采集记录不符。</translation>
    </message>
    <message>
        <location filename="../texts.py" line="175"/>
        <source>The face does not match this person&apos;s enrolment.</source>
        <translation>人脸与此人的采集记录不符。</translation>
    </message>
    <message>
        <location filename="../texts.py" line="177"/>
        <source>No usable palm was captured.</source>
        <translation>未采集到可用的手掌图像。</translation>
    </message>
    <message>
        <location filename="../widgets/followup_bar.py" line="33"/>
        <source>Try again</source>
        <translation>再试一次</translation>
    </message>
    <message>
        <location filename="../widgets/followup_bar.py" line="35"/>
        <source>Try the face</source>
        <translation>人脸比对</translation>
    </message>
    <message>
        <location filename="../widgets/followup_bar.py" line="115"/>
        <source>A supervisor must look at this: open a case, or try the other hand.</source>
        <translation>需要主管审核：请建案，或换另一只手再试。</translation>
    </message>
    <message>
        <location filename="../widgets/followup_bar.py" line="127"/>
        <source>Lay the palm flat in the middle of the scanner and press Try again.</source>
        <translation>请将手掌平放在采集器中央，然后按“再试一次”。</translation>
    </message>
    <message>
        <location filename="../widgets/followup_bar.py" line="111"/>
        <source>Case {reference} is open: a supervisor will decide.</source>
        <translation>已建案 {reference}：由主管审核决定，请告知本人会另行通知。</translation>
    </message>
    <message>
        <location filename="../widgets/followup_bar.py" line="121"/>
        <source>Is it this person&apos;s card? Try again, the other hand, or a supervisor.</source>
        <translation>请先核对证件是否本人的。然后再试一次、换另一只手，或转主管审核。</translation>
    </message>
    <message>
        <location filename="../widgets/followup_bar.py" line="36"/>
        <source>Supervisor case</source>
        <translation>转主管审核</translation>
    </message>
    <message>
        <location filename="../widgets/followup_bar.py" line="105"/>
        <source>Other hand</source>
        <translation>换另一只手</translation>
    </message>
    <message>
        <location filename="../texts.py" line="141"/>
        <source>The match passed, but the liveness check suspects a presentation attack (a photo, a screen or a print): a case is opened, a supervisor must look.</source>
        <translation>比对已通过，但活体验证疑似假体攻击（照片、屏幕或打印件）：已开立案件，需主管审核。</translation>
    </message>
    <message>
        <location filename="../texts.py" line="142"/>
        <source>The match passed, but the liveness check the policy requires could not be done: a case is opened, a supervisor must look.</source>
        <translation>比对已通过，但政策要求的活体验证无法完成：已开立案件，需主管审核。</translation>
    </message>
</context>
<context>
    <name>Common</name>
    <message>
        <location filename="../widgets/common.py" line="60"/>
        <source>Yes, throw it away</source>
        <translation>是，放弃</translation>
    </message>
    <message>
        <location filename="../widgets/common.py" line="61"/>
        <source>No, keep it</source>
        <translation>否，保留</translation>
    </message>
    <message>
        <location filename="../widgets/common.py" line="147"/>
        <source>Simulation</source>
        <translation>模拟设备</translation>
    </message>
</context>
<context>
    <name>Devices</name>
    <message>
        <location filename="../texts.py" line="133"/>
        <source>ID-card reader</source>
        <translation>身份证读卡器</translation>
    </message>
    <message>
        <location filename="../texts.py" line="134"/>
        <source>Face camera</source>
        <translation>人脸摄像头</translation>
    </message>
    <message>
        <location filename="../texts.py" line="135"/>
        <source>Palm-vein scanner</source>
        <translation>掌静脉扫描仪</translation>
    </message>
    <message>
        <location filename="../screens/devices_panel.py" line="90"/>
        <source>Simulation (no hardware)</source>
        <translation>模拟（无硬件）</translation>
    </message>
    <message>
        <location filename="../screens/devices_panel.py" line="107"/>
        <source>Test</source>
        <translation>测试</translation>
    </message>
    <message>
        <location filename="../screens/devices_panel.py" line="124"/>
        <source>Save device choice</source>
        <translation>保存设备设置</translation>
    </message>
    <message>
        <location filename="../screens/devices_panel.py" line="180"/>
        <source>Saved. The new devices are used from the next capture.</source>
        <translation>已保存。下次采集起使用新设备。</translation>
    </message>
    <message>
        <location filename="../screens/devices_panel.py" line="184"/>
        <source>Testing {device}…</source>
        <translation>正在测试{device}…</translation>
    </message>
    <message>
        <location filename="../screens/devices_panel.py" line="196"/>
        <source>Card read ✔ ID {masked}</source>
        <translation>读卡成功 ✔ 证号 {masked}</translation>
    </message>
    <message>
        <location filename="../screens/devices_panel.py" line="221"/>
        <source>{driver}: {resolution}, {fps} frames/s, best quality {best}</source>
        <translation>{driver}：{resolution}，每秒 {fps} 帧，最佳质量 {best}</translation>
    </message>
    <message>
        <location filename="../screens/devices_panel.py" line="45"/>
        <source>Webcam</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <location filename="../screens/devices_panel.py" line="46"/>
        <source>Palm-vein scanner (USB)</source>
        <translation>掌静脉采集器（USB）</translation>
    </message>
    <message>
        <location filename="../screens/devices_panel.py" line="47"/>
        <source>Recorded pictures (practice)</source>
        <translation>录制的画面（练习用）</translation>
    </message>
    <message>
        <location filename="../screens/devices_panel.py" line="48"/>
        <source>Recorded palms (practice)</source>
        <translation>录制的掌纹（练习用）</translation>
    </message>
    <message>
        <location filename="../screens/devices_panel.py" line="49"/>
        <source>GPS / BeiDou receiver</source>
        <translation>GPS / 北斗定位器</translation>
    </message>
    <message>
        <location filename="../screens/devices_panel.py" line="51"/>
        <source>Recorded ID cards (practice)</source>
        <translation>录制的身份证（练习用）</translation>
    </message>
    <message>
        <location filename="../screens/devices_panel.py" line="126"/>
        <source>Advanced: port, camera number, folder</source>
        <translation>高级：端口、摄像头编号、文件夹</translation>
    </message>
    <message>
        <location filename="../screens/devices_panel.py" line="158"/>
        <source>open now</source>
        <translation>使用中</translation>
    </message>
    <message>
        <location filename="../screens/devices_panel.py" line="158"/>
        <source>ready (opens when needed)</source>
        <translation>就绪（用时打开）</translation>
    </message>
    <message>
        <location filename="../screens/devices_panel.py" line="220"/>
        <source>test passed ✔</source>
        <translation>测试通过 ✔</translation>
    </message>
    <message>
        <location filename="../screens/devices_panel.py" line="95"/>
        <source>not usable here</source>
        <translation>本机无法使用</translation>
    </message>
</context>
<context>
    <name>Enrolment</name>
    <message>
        <location filename="../screens/enrollment_capture_steps.py" line="106"/>
        <source>Step 3: the face</source>
        <translation>第 3 步：人脸</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_capture_steps.py" line="200"/>
        <source>Step {n}: {hand}</source>
        <translation>第 {n} 步：{hand}</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_finish_steps.py" line="39"/>
        <source>Next: review and sign</source>
        <translation>下一步：核对并签名</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_finish_steps.py" line="44"/>
        <source>Step 6: is anyone else enrolled with these palms?</source>
        <translation>第 6 步：是否有他人已用这双手掌采集？</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_finish_steps.py" line="58"/>
        <source>Searching every enrolled palm on this laptop…</source>
        <translation>正在比对本机所有已采集的手掌…</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_finish_steps.py" line="108"/>
        <source>The retiree cannot sign</source>
        <translation>退休人员无法签名</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_finish_steps.py" line="111"/>
        <source>Save the enrolment</source>
        <translation>保存采集</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_finish_steps.py" line="120"/>
        <source>Retiree&apos;s signature</source>
        <translation>退休人员签名</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_finish_steps.py" line="120"/>
        <source>Operator&apos;s signature</source>
        <translation>经办人签名</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_finish_steps.py" line="126"/>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_finish_steps.py" line="162"/>
        <source>Face: captured ✔</source>
        <translation>人脸：已采集 ✔</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_finish_steps.py" line="164"/>
        <source>Face: skipped</source>
        <translation>人脸：已跳过</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_finish_steps.py" line="168"/>
        <source>{hand}: {n} samples ✔</source>
        <translation>{hand}：{n} 次采集 ✔</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_finish_steps.py" line="172"/>
        <source>{hand}: not captured ({reason}) — a case will be opened</source>
        <translation>{hand}：未采集（{reason}）— 将生成案件</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_finish_steps.py" line="180"/>
        <source>Possible duplicate: the enrolment will be held for a supervisor.</source>
        <translation>疑似重复：本次采集将等待主管处理。</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_finish_steps.py" line="184"/>
        <source>Note: signatures and receipt printing are not installed in this version.</source>
        <translation>注意：此版本未安装签名和回执打印功能。</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_finish_steps.py" line="198"/>
        <source>Both signatures are needed (or tick: cannot sign).</source>
        <translation>需要两人签名（或勾选&quot;无法签名&quot;）。</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_finish_steps.py" line="216"/>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_finish_steps.py" line="254"/>
        <source>Next person</source>
        <translation>下一位</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_finish_steps.py" line="257"/>
        <source>Step 8: saved — the receipt</source>
        <translation>第 8 步：已保存 — 回执</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_finish_steps.py" line="275"/>
        <source>Saved, and held for a supervisor (possible duplicate).</source>
        <translation>已保存，等待主管处理（疑似重复）。</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_finish_steps.py" line="277"/>
        <source>Enrolment complete ✔</source>
        <translation>采集完成 ✔</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_finish_steps.py" line="279"/>
        <source>Cases opened for review: {refs}</source>
        <translation>已生成待审案件：{refs}</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_identity_steps.py" line="35"/>
        <source>Step 1: the ID card</source>
        <translation>第 1 步：身份证</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_identity_steps.py" line="48"/>
        <source>Looking the person up in the roster…</source>
        <translation>正在名册中查找此人…</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_identity_steps.py" line="76"/>
        <source>Continue to the face</source>
        <translation>继续：人脸</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_identity_steps.py" line="78"/>
        <source>Go to certification</source>
        <translation>去认证</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_identity_steps.py" line="87"/>
        <source>Step 2: card and roster side by side</source>
        <translation>第 2 步：证件与名册对照</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_identity_steps.py" line="110"/>
        <source>On the card</source>
        <translation>证件上</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_identity_steps.py" line="110"/>
        <source>In the roster</source>
        <translation>名册中</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_identity_steps.py" line="118"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_identity_steps.py" line="119"/>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_identity_steps.py" line="120"/>
        <source>Birth date</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_identity_steps.py" line="125"/>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_identity_steps.py" line="130"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_identity_steps.py" line="131"/>
        <source>District</source>
        <translation>区县</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_identity_steps.py" line="137"/>
        <source>You can continue: a case will be opened for headquarters to review.</source>
        <translation>可以继续：将生成案件交中心审核。</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_identity_steps.py" line="141"/>
        <source>This person is already enrolled. Certify them instead.</source>
        <translation>此人已采集过，请改为认证。</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_screen.py" line="28"/>
        <source>ID card</source>
        <translation>身份证</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_screen.py" line="29"/>
        <source>Roster</source>
        <translation>名册</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_screen.py" line="30"/>
        <source>Face</source>
        <translation>人脸</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_screen.py" line="31"/>
        <source>Left palm</source>
        <translation>左手掌</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_screen.py" line="32"/>
        <source>Right palm</source>
        <translation>右手掌</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_screen.py" line="33"/>
        <source>Duplicates</source>
        <translation>查重</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_screen.py" line="34"/>
        <source>Sign</source>
        <translation>签名</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_screen.py" line="35"/>
        <source>Receipt</source>
        <translation>回执</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_screen.py" line="70"/>
        <source>Back</source>
        <translation>上一步</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_screen.py" line="72"/>
        <source>Start over</source>
        <translation>重新开始</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_screen.py" line="162"/>
        <source>Start over?</source>
        <translation>重新开始？</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_screen.py" line="162"/>
        <source>Nothing has been saved for this person yet. Throw it away?</source>
        <translation>此人的信息尚未保存。确定放弃吗？</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_finish_steps.py" line="86"/>
        <source>No one else enrolled on this laptop has these palms ✔</source>
        <translation>本机已采集的人员中，没有人与此掌纹相同 ✔</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_finish_steps.py" line="86"/>
        <source>Headquarters checks all districts after the next sync.</source>
        <translation>下次同步后，中心将在全市范围内再查重。</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_finish_steps.py" line="138"/>
        <source>By signing I confirm these are my details.</source>
        <translation>本人签字确认以上信息属实。</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_finish_steps.py" line="138"/>
        <source>My palm and face are kept encrypted, for certification only.</source>
        <translation>本人同意掌静脉和人脸信息加密保存，仅用于养老金资格认证。</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_finish_steps.py" line="79"/>
        <source>Warning: {n} palm(s) look like another enrolled person&apos;s.</source>
        <translation>注意：有 {n} 个掌纹与另一位已采集人员相似。</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_finish_steps.py" line="80"/>
        <source>It is saved but held until a supervisor decides. Tell the person no more.</source>
        <translation>本次采集已保存，但须待主管决定后生效。请勿向对方透露更多。</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_finish_steps.py" line="271"/>
        <source>Saved, and held for a supervisor: the liveness check suspects a photo, a screen or a print.</source>
        <translation>已保存，但需主管复核：活体检测疑似照片、屏幕或打印件。</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_finish_steps.py" line="273"/>
        <source>Saved, and held for a supervisor: the liveness check the policy requires could not be done.</source>
        <translation>已保存，但需主管复核：未能完成规定要求的活体检测。</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../errors.py" line="39"/>
        <source>Wrong login or password.</source>
        <translation>账号或密码错误。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="39"/>
        <source>Check the login and type the password again.</source>
        <translation>请核对账号，重新输入密码。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="43"/>
        <source>This account is locked after too many wrong passwords.</source>
        <translation>密码错误次数过多，此账号已被锁定。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="43"/>
        <source>Wait 15 minutes, or ask a supervisor to log in.</source>
        <translation>请等待 15 分钟，或请主管登录。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="87"/>
        <source>The passphrase does not open the store.</source>
        <translation>此口令无法打开数据库。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="87"/>
        <source>Type the store passphrase again (check the keyboard language).</source>
        <translation>请重新输入数据库口令（注意输入法和大小写）。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="91"/>
        <source>There is no store on this laptop yet.</source>
        <translation>本机还没有数据库。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="91"/>
        <source>Create one on the first-start screen.</source>
        <translation>请在首次设置界面创建。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="95"/>
        <source>Another program is using the store.</source>
        <translation>另一个程序正在使用数据库。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="95"/>
        <source>Close the other fieldkit window and try again.</source>
        <translation>请关闭另一个 fieldkit 窗口后重试。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="99"/>
        <source>The store file is damaged.</source>
        <translation>数据库文件已损坏。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="99"/>
        <source>Call your supervisor: the store must be restored from a backup.</source>
        <translation>请联系主管：需要从备份恢复数据库。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="103"/>
        <source>The store was written by a newer fieldkit.</source>
        <translation>数据库由更新版本的 fieldkit 创建。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="103"/>
        <source>Install the newer fieldkit version before continuing.</source>
        <translation>请先安装新版本的 fieldkit。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="107"/>
        <source>The password is too short.</source>
        <translation>密码太短。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="107"/>
        <source>Use at least 8 characters.</source>
        <translation>请至少使用 8 个字符。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="111"/>
        <source>A login must be one word without spaces.</source>
        <translation>账号必须是一个词，不能有空格。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="111"/>
        <source>Type a login such as wang01.</source>
        <translation>请输入类似 wang01 的账号。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="115"/>
        <source>The operator needs a name.</source>
        <translation>经办人需要填写姓名。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="115"/>
        <source>Type the operator&apos;s full name.</source>
        <translation>请输入经办人全名。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="119"/>
        <source>That entry already exists.</source>
        <translation>该记录已存在。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="119"/>
        <source>Choose another login or number.</source>
        <translation>请换一个账号或号码。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="123"/>
        <source>No ID card was found on the reader.</source>
        <translation>读卡器上没有发现身份证。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="123"/>
        <source>Lay the card flat on the reader, or type the number by hand.</source>
        <translation>请把身份证平放在读卡器上，或手工录入号码。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="127"/>
        <source>A name is needed for manual entry.</source>
        <translation>手工录入需要填写姓名。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="127"/>
        <source>Type the name as printed on the card.</source>
        <translation>请按身份证上的姓名填写。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="131"/>
        <source>No clear picture was captured in time.</source>
        <translation>规定时间内没有采到清晰的图像。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="135"/>
        <source>The capture was stopped.</source>
        <translation>采集已停止。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="139"/>
        <source>The device stopped sending pictures (unplugged?).</source>
        <translation>设备停止传送图像（是否被拔出？）。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="143"/>
        <source>The device was not found.</source>
        <translation>没有找到设备。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="143"/>
        <source>Check the cable, or choose another device under Devices &amp; settings.</source>
        <translation>请检查连线，或在&quot;设备与设置&quot;中选择其他设备。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="147"/>
        <source>The device did not answer in time.</source>
        <translation>设备没有及时响应。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="151"/>
        <source>The device settings do not fit this driver.</source>
        <translation>设备参数与驱动不符。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="151"/>
        <source>Fix them under Devices &amp; settings.</source>
        <translation>请在&quot;设备与设置&quot;中修改。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="155"/>
        <source>The samples of this hand do not match each other.</source>
        <translation>这只手的几次采集互不一致。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="155"/>
        <source>Check it is the same hand, then capture the three samples again.</source>
        <translation>请确认是同一只手，然后重新采集三次。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="167"/>
        <source>A palm picture is not clear enough.</source>
        <translation>手掌图像不够清晰。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="167"/>
        <source>Ask the person to spread the fingers and hold still; capture again.</source>
        <translation>请被采集人张开五指、保持不动，重新采集。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="171"/>
        <source>The face picture is not clear enough.</source>
        <translation>人脸图像不够清晰。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="171"/>
        <source>Ask the person to look at the camera; capture again or skip the face.</source>
        <translation>请被采集人看向摄像头，重新采集或跳过人脸。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="175"/>
        <source>This person is already enrolled.</source>
        <translation>此人已采集过。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="175"/>
        <source>Use Certification instead.</source>
        <translation>请改用&quot;认证&quot;。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="179"/>
        <source>Neither palm could be captured.</source>
        <translation>两只手掌都无法采集。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="179"/>
        <source>Enrolment needs at least one hand; record the reason and call a supervisor.</source>
        <translation>采集至少需要一只手；请记录原因并联系主管。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="185"/>
        <source>A hand has no samples.</source>
        <translation>有一只手没有采集。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="185"/>
        <source>Capture it, or mark it as impossible with a reason.</source>
        <translation>请采集，或注明无法采集的原因。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="189"/>
        <source>This hand is not enrolled for the person.</source>
        <translation>此人没有采集过这只手。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="189"/>
        <source>Use the other hand.</source>
        <translation>请使用另一只手。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="193"/>
        <source>A home visit needs the witness&apos;s name and relation.</source>
        <translation>上门认证需要填写见证人姓名和关系。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="193"/>
        <source>Fill in both witness fields.</source>
        <translation>请填写见证人的两项信息。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="197"/>
        <source>Only a supervisor can decide a case.</source>
        <translation>只有主管才能处理案件。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="197"/>
        <source>Ask a supervisor to log in for this decision.</source>
        <translation>请主管登录进行处理。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="201"/>
        <source>A decision needs a note saying why.</source>
        <translation>处理时需要填写理由。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="201"/>
        <source>Write a short note and try again.</source>
        <translation>请简要填写理由后重试。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="205"/>
        <source>This case was already decided.</source>
        <translation>此案件已处理。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="205"/>
        <source>Refresh the list.</source>
        <translation>请刷新列表。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="209"/>
        <source>Headquarters could not be reached. Nothing was lost.</source>
        <translation>无法连接中心。数据没有丢失。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="209"/>
        <source>Check the network and try again later, or export a batch file for USB.</source>
        <translation>请检查网络稍后重试，或导出批次文件用U盘送达。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="213"/>
        <source>Headquarters refused the batch.</source>
        <translation>中心拒收了此批数据。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="213"/>
        <source>Has this laptop been registered at headquarters? Call your supervisor.</source>
        <translation>本机是否已在中心登记？请联系主管。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="235"/>
        <source>No headquarters address or key is set.</source>
        <translation>尚未设置中心地址或密钥。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="235"/>
        <source>A supervisor sets them under Sync.</source>
        <translation>请主管在&quot;同步&quot;中设置。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="239"/>
        <source>There is nothing to send.</source>
        <translation>没有需要发送的数据。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="239"/>
        <source>Everything has already reached headquarters.</source>
        <translation>所有数据都已送达中心。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="243"/>
        <source>The headquarters key is not valid.</source>
        <translation>中心密钥无效。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="247"/>
        <source>Ask headquarters for the hq_public.key file again.</source>
        <translation>请向中心重新索取 hq_public.key 文件。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="247"/>
        <source>The headquarters key file is not valid.</source>
        <translation>中心密钥文件无效。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="251"/>
        <source>This is not a fieldkit receipt code.</source>
        <translation>这不是 fieldkit 回执码。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="251"/>
        <source>Scan the QR code on the receipt again.</source>
        <translation>请重新扫描回执上的二维码。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="255"/>
        <source>Receipt printing is not installed in this version.</source>
        <translation>此版本未安装回执打印功能。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="255"/>
        <source>The receipt is saved and signed; print it later from Receipts.</source>
        <translation>回执已保存并签名；稍后可在&quot;回执&quot;中打印。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="259"/>
        <source>The receipt preview could not be drawn.</source>
        <translation>无法显示回执预览。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="259"/>
        <source>The receipt is saved; its details are shown as text.</source>
        <translation>回执已保存；以文字显示其内容。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="263"/>
        <source>The roster file was not found.</source>
        <translation>找不到名册文件。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="263"/>
        <source>Choose the file again.</source>
        <translation>请重新选择文件。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="267"/>
        <source>The device settings file cannot be read.</source>
        <translation>无法读取设备设置文件。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="267"/>
        <source>Call your supervisor to fix fieldkit.toml.</source>
        <translation>请联系主管修复 fieldkit.toml。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="303"/>
        <source>These policy values are not allowed.</source>
        <translation>这些策略参数不允许使用。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="303"/>
        <source>Use rates between 0 and 1 and at least one attempt.</source>
        <translation>比率须在 0 到 1 之间，尝试次数至少为 1。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="307"/>
        <source>The calibration data cannot vouch for this error rate.</source>
        <translation>校准数据无法支持这个误识率。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="307"/>
        <source>Choose a higher false-accept rate.</source>
        <translation>请选择较高的误识率。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="316"/>
        <source>This ID number cannot be right.</source>
        <translation>这个身份证号码不正确。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="316"/>
        <source>Check every digit against the card and type it again.</source>
        <translation>请对照证件逐位核对后重新输入。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="320"/>
        <source>No single clear face was found.</source>
        <translation>没有找到一张清晰的人脸。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="320"/>
        <source>Ask the person to face the camera alone, or skip the face.</source>
        <translation>请只让被采集人面对摄像头，或跳过人脸。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="324"/>
        <source>No palm was found in the picture.</source>
        <translation>图像中没有找到手掌。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="324"/>
        <source>Ask the person to lay the whole hand on the scanner, fingers spread.</source>
        <translation>请被采集人把整只手放在扫描仪上，五指张开。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="340"/>
        <source>The backup could not be used.</source>
        <translation>备份无法使用。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="340"/>
        <source>Call your supervisor.</source>
        <translation>请联系主管。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="344"/>
        <source>The roster file could not be read.</source>
        <translation>无法读取名册文件。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="344"/>
        <source>Check that it is the CSV file from headquarters.</source>
        <translation>请确认这是中心下发的 CSV 文件。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="377"/>
        <source>A file could not be read or written: {problem}</source>
        <translation>文件无法读写：{problem}</translation>
    </message>
    <message>
        <location filename="../errors.py" line="377"/>
        <source>Check the USB stick or folder and try again.</source>
        <translation>请检查U盘或文件夹后重试。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="386"/>
        <source>Fix this and try again.</source>
        <translation>请修正后重试。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="388"/>
        <source>Something went wrong inside fieldkit.</source>
        <translation>fieldkit 内部出现问题。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="388"/>
        <source>Nothing was saved half-way. Try again; if it repeats, call your supervisor.</source>
        <translation>没有保存任何不完整的数据。请重试；如果反复出现，请联系主管。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="401"/>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../errors.py" line="275"/>
        <source>No printing system was found on this laptop.</source>
        <translation>本机没有找到打印系统。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="275"/>
        <source>Use Save as PDF and print the file from another computer.</source>
        <translation>请&quot;另存为 PDF&quot;，在其他电脑上打印。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="279"/>
        <source>The printer did not take the receipt.</source>
        <translation>打印机未能打印回执。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="279"/>
        <source>Check paper, power and cable, then press Print again.</source>
        <translation>请检查纸张、电源和连线，然后再按&quot;打印&quot;。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="283"/>
        <source>A signature could not be read.</source>
        <translation>签名无法读取。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="283"/>
        <source>Clear the pad and sign again.</source>
        <translation>请清除签名板后重新签名。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="287"/>
        <source>No receipt code was found in that file.</source>
        <translation>文件中没有找到回执码。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="287"/>
        <source>Scan or photograph the whole receipt, flat and in focus.</source>
        <translation>请平整、清晰地扫描或拍摄整张回执。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="291"/>
        <source>Nothing was found with that number.</source>
        <translation>没有找到该编号。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="291"/>
        <source>Check the number and try again.</source>
        <translation>请核对编号后重试。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="295"/>
        <source>No case has that reference.</source>
        <translation>没有该编号的案件。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="295"/>
        <source>Check the reference and try again.</source>
        <translation>请核对案件编号后重试。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="299"/>
        <source>The headquarters key file cannot check work packages (it is too old).</source>
        <translation>中心密钥文件过旧，无法核验工作包。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="299"/>
        <source>Ask headquarters for a new hq_public.key.</source>
        <translation>请向中心索取新的 hq_public.key。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="334"/>
        <source>This work package was refused (altered, for another team, or out of order).</source>
        <translation>工作包被拒收（已被改动、属于其他工作组或顺序不对）。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="334"/>
        <source>Ask headquarters for a fresh work package.</source>
        <translation>请向中心重新索取工作包。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="159"/>
        <source>Palms enrolled by an older version cannot be compared.</source>
        <translation>此人的掌静脉由旧版本采集，无法比对。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="159"/>
        <source>Enrol this person&apos;s palms again.</source>
        <translation>请为此人重新采集掌静脉。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="163"/>
        <source>The palm was not in the same place in every sample.</source>
        <translation>几次采集中手掌的位置不一致。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="163"/>
        <source>Ask the person to hold the hand open and flat as before; capture again.</source>
        <translation>请对方像之前一样张开手掌、放平，重新采集。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="217"/>
        <source>The headquarters certificate is not the expected one. Nothing was sent.</source>
        <translation>中心证书与预期不符，未发送任何数据。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="217"/>
        <source>Do not continue on this network; call your supervisor.</source>
        <translation>请勿在此网络上继续操作，并联系主管。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="221"/>
        <source>The headquarters address uses plain http:// on an open network.</source>
        <translation>中心地址在开放网络上使用未加密的 http://。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="225"/>
        <source>The headquarters key file is too old to check headquarters&apos; answers.</source>
        <translation>中心密钥文件过旧，无法验证中心的应答。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="229"/>
        <source>This laptop is not registered for this region&apos;s work package.</source>
        <translation>本机未登记领取该地区的工作包。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="229"/>
        <source>Check the region under Sync, or ask headquarters to register this laptop for it.</source>
        <translation>请检查同步设置中的地区，或请中心为本机登记该地区。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="328"/>
        <source>Headquarters&apos; answer could not be verified, so nothing was changed.</source>
        <translation>无法验证中心的应答，因此没有做任何更改。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="63"/>
        <source>Only a supervisor can change operator accounts.</source>
        <translation>只有主管可以修改操作员账号。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="63"/>
        <source>Ask the supervisor to confirm with their password.</source>
        <translation>请主管输入密码确认。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="67"/>
        <source>You cannot disable your own account.</source>
        <translation>不能停用自己的账号。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="67"/>
        <source>Another supervisor must do it.</source>
        <translation>请由另一位主管操作。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="71"/>
        <source>This is the last active supervisor of the team.</source>
        <translation>这是本组最后一个可用的主管账号。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="71"/>
        <source>Add another supervisor first.</source>
        <translation>请先添加另一位主管。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="75"/>
        <source>This login is already taken.</source>
        <translation>此登录名已被使用。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="75"/>
        <source>Choose another login.</source>
        <translation>请换一个登录名。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="79"/>
        <source>This person is already certified this year.</source>
        <translation>此人本年度已认证。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="79"/>
        <source>No case is needed.</source>
        <translation>无需建案。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="83"/>
        <source>There is no failed attempt to report yet.</source>
        <translation>还没有可上报的未通过记录。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="83"/>
        <source>Certify the person first.</source>
        <translation>请先为此人认证。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="47"/>
        <source>No GPS receiver is set up.</source>
        <translation>未设置定位接收器。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="47"/>
        <source>Type the address or the coordinates instead.</source>
        <translation>请改为输入地址或经纬度。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="51"/>
        <source>The place of the visit is missing.</source>
        <translation>缺少上门地点。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="51"/>
        <source>Read the GPS or type the address.</source>
        <translation>请读取定位或输入地址。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="55"/>
        <source>A delegated certification needs the office and the documents seen.</source>
        <translation>异地代办认证需要填写代办机构和查验的证件。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="55"/>
        <source>Type the office and tick the documents.</source>
        <translation>请填写代办机构并勾选证件。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="59"/>
        <source>Without an ID card the approval reference and the official are needed.</source>
        <translation>无身份证认证需要审批文号和审批人。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="59"/>
        <source>Type the approval reference and who approved it.</source>
        <translation>请填写审批文号和审批人。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="131"/>
        <source>Ask the person to hold still, check the light, and capture again.</source>
        <translation>请本人保持不动，检查光线，然后重新采集。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="135"/>
        <source>Capture again when ready.</source>
        <translation>准备好后重新采集。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="139"/>
        <source>Plug it back in and capture again; nothing captured so far is lost.</source>
        <translation>请重新插好设备后再采集；已采集的内容不会丢失。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="147"/>
        <source>Unplug it, plug it back in and capture again.</source>
        <translation>请拔下设备再重新插上，然后重新采集。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="221"/>
        <source>A supervisor sets an https:// address (or allows http on a closed LAN).</source>
        <translation>请主管设置 https:// 地址（或仅在封闭局域网中允许 http）。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="328"/>
        <source>The network may be tampered with: use another network or USB; tell a supervisor.</source>
        <translation>网络可能被篡改：请换用其他网络或U盘传送，并告知主管。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="271"/>
        <source>The passphrase is too short or too easy to guess.</source>
        <translation>口令太短或太容易被猜到。</translation>
    </message>
    <message>
        <location filename="../errors.py" line="271"/>
        <source>Use several unrelated words, or mix letters, digits and signs.</source>
        <translation>请用几个互不相关的词，或混合字母、数字和符号。</translation>
    </message>
</context>
<context>
    <name>FirstStartScreen</name>
    <message>
        <location filename="../screens/first_start_screen.py" line="61"/>
        <source>hq_public.key from headquarters</source>
        <translation>中心下发的 hq_public.key</translation>
    </message>
    <message>
        <location filename="../screens/first_start_screen.py" line="63"/>
        <source>Create the store</source>
        <translation>创建数据库</translation>
    </message>
    <message>
        <location filename="../screens/first_start_screen.py" line="65"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location filename="../screens/first_start_screen.py" line="69"/>
        <source>1. The store passphrase</source>
        <translation>1. 数据库口令</translation>
    </message>
    <message>
        <location filename="../screens/first_start_screen.py" line="70"/>
        <source>Everything on this laptop is encrypted with it. Use several words; without it nobody, not even headquarters, can open the data.</source>
        <translation>本机所有数据都用它加密。请用几个词组成；没有它，任何人（包括中心）都无法打开数据。</translation>
    </message>
    <message>
        <location filename="../screens/first_start_screen.py" line="80"/>
        <source>Passphrase</source>
        <translation>口令</translation>
    </message>
    <message>
        <location filename="../screens/first_start_screen.py" line="91"/>
        <source>Again</source>
        <translation>再输一次</translation>
    </message>
    <message>
        <location filename="../screens/first_start_screen.py" line="82"/>
        <source>Strength</source>
        <translation>强度</translation>
    </message>
    <message>
        <location filename="../screens/first_start_screen.py" line="86"/>
        <source>2. The first account (supervisor)</source>
        <translation>2. 第一个账号（主管）</translation>
    </message>
    <message>
        <location filename="../screens/first_start_screen.py" line="88"/>
        <source>Login</source>
        <translation>账号</translation>
    </message>
    <message>
        <location filename="../screens/first_start_screen.py" line="89"/>
        <source>Full name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../screens/first_start_screen.py" line="90"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../screens/first_start_screen.py" line="95"/>
        <source>3. Team and headquarters</source>
        <translation>3. 工作组与中心</translation>
    </message>
    <message>
        <location filename="../screens/first_start_screen.py" line="97"/>
        <source>Team</source>
        <translation>工作组</translation>
    </message>
    <message>
        <location filename="../screens/first_start_screen.py" line="98"/>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <location filename="../screens/first_start_screen.py" line="99"/>
        <source>Region code</source>
        <translation>区划代码</translation>
    </message>
    <message>
        <location filename="../screens/first_start_screen.py" line="100"/>
        <source>HQ address (optional)</source>
        <translation>中心地址（可选）</translation>
    </message>
    <message>
        <location filename="../screens/first_start_screen.py" line="104"/>
        <source>HQ key file (optional)</source>
        <translation>中心密钥文件（可选）</translation>
    </message>
    <message>
        <location filename="../screens/first_start_screen.py" line="116"/>
        <source>Welcome to fieldkit: set up this laptop</source>
        <translation>欢迎使用 fieldkit：设置本机</translation>
    </message>
    <message>
        <location filename="../screens/first_start_screen.py" line="132"/>
        <source>Headquarters key file</source>
        <translation>中心密钥文件</translation>
    </message>
    <message>
        <location filename="../screens/first_start_screen.py" line="139"/>
        <source>The passphrase needs at least {n} characters.</source>
        <translation>口令至少需要 {n} 个字符。</translation>
    </message>
    <message>
        <location filename="../screens/first_start_screen.py" line="141"/>
        <source>The two passphrases differ; type them again.</source>
        <translation>两次输入的口令不一致，请重新输入。</translation>
    </message>
    <message>
        <location filename="../screens/first_start_screen.py" line="143"/>
        <source>The first account needs a login and a full name.</source>
        <translation>第一个账号需要账号名和姓名。</translation>
    </message>
    <message>
        <location filename="../screens/first_start_screen.py" line="145"/>
        <source>The two passwords differ; type them again.</source>
        <translation>两次输入的密码不一致，请重新输入。</translation>
    </message>
    <message>
        <location filename="../screens/first_start_screen.py" line="165"/>
        <source>Creating the encrypted store…</source>
        <translation>正在创建加密数据库…</translation>
    </message>
</context>
<context>
    <name>History</name>
    <message>
        <location filename="../screens/person_history_dialog.py" line="25"/>
        <source>Enrolment</source>
        <translation>采集</translation>
    </message>
    <message>
        <location filename="../screens/person_history_dialog.py" line="27"/>
        <source>Certification</source>
        <translation>认证</translation>
    </message>
    <message>
        <location filename="../screens/person_history_dialog.py" line="29"/>
        <source>Case {ref}</source>
        <translation>案件 {ref}</translation>
    </message>
    <message>
        <location filename="../screens/person_history_dialog.py" line="30"/>
        <source>Receipt {number}</source>
        <translation>回执 {number}</translation>
    </message>
    <message>
        <location filename="../screens/person_history_dialog.py" line="37"/>
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <location filename="../screens/person_history_dialog.py" line="41"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../screens/person_history_dialog.py" line="41"/>
        <source>What</source>
        <translation>事项</translation>
    </message>
    <message>
        <location filename="../screens/person_history_dialog.py" line="41"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../screens/person_history_dialog.py" line="47"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>Liveness</name>
    <message>
        <location filename="../widgets/liveness_panel.py" line="33"/>
        <source>Please look straight at the camera</source>
        <translation>请正对镜头</translation>
    </message>
    <message>
        <location filename="../widgets/liveness_panel.py" line="34"/>
        <source>Please turn your head slowly to your left</source>
        <translation>请慢慢向左转头</translation>
    </message>
    <message>
        <location filename="../widgets/liveness_panel.py" line="35"/>
        <source>Please turn your head slowly to your right</source>
        <translation>请慢慢向右转头</translation>
    </message>
    <message>
        <location filename="../widgets/liveness_panel.py" line="36"/>
        <source>Please lower your head slowly (nod)</source>
        <translation>请慢慢低头</translation>
    </message>
    <message>
        <location filename="../widgets/liveness_panel.py" line="37"/>
        <source>Please raise your head slowly (look up)</source>
        <translation>请慢慢抬头</translation>
    </message>
    <message>
        <location filename="../widgets/liveness_panel.py" line="38"/>
        <source>Please face the camera again</source>
        <translation>请转回正面</translation>
    </message>
    <message>
        <location filename="../widgets/liveness_panel.py" line="39"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../widgets/liveness_panel.py" line="46"/>
        <source>Face liveness: suspected presentation attack (a photo or a screen). This certification cannot be accepted: a case is opened for the supervisor.</source>
        <translation>人脸动作验证：疑似假体攻击（照片或屏幕）。本次认证不能通过，已为主管开立案件。</translation>
    </message>
    <message>
        <location filename="../widgets/liveness_panel.py" line="47"/>
        <source>Face liveness: the prompt was not followed in time. Repeat the check, or continue and a case is opened (liveness not possible).</source>
        <translation>人脸动作验证：没有在规定时间内做出提示的动作。可以重新验证；继续则开立案件（无法完成活体验证）。</translation>
    </message>
    <message>
        <location filename="../widgets/liveness_panel.py" line="48"/>
        <source>Face liveness: not possible. This certification cannot be accepted: a case is opened for the supervisor.</source>
        <translation>人脸动作验证：无法完成。本次认证不能通过，已为主管开立案件。</translation>
    </message>
    <message>
        <location filename="../widgets/liveness_panel.py" line="50"/>
        <source>Face liveness: passed ✔</source>
        <translation>人脸动作验证：通过 ✔</translation>
    </message>
    <message>
        <location filename="../widgets/liveness_panel.py" line="61"/>
        <source>Palm liveness: passed ✔</source>
        <translation>掌静脉活体：通过 ✔</translation>
    </message>
    <message>
        <location filename="../widgets/liveness_panel.py" line="62"/>
        <source>Palm liveness: suspected presentation attack</source>
        <translation>掌静脉活体：疑似假体攻击</translation>
    </message>
    <message>
        <location filename="../widgets/liveness_panel.py" line="63"/>
        <source>Palm liveness: not supported by this device (recorded)</source>
        <translation>掌静脉活体：本设备不支持（已记录）</translation>
    </message>
    <message>
        <location filename="../widgets/liveness_panel.py" line="77"/>
        <source>Face liveness check</source>
        <translation>人脸动作验证</translation>
    </message>
    <message>
        <location filename="../widgets/liveness_panel.py" line="27"/>
        <source>Read the prompt out to the person; there is plenty of time.</source>
        <translation>请把提示念给老人听，时间很充裕，不用着急。</translation>
    </message>
    <message>
        <location filename="../widgets/liveness_panel.py" line="87"/>
        <source>This gesture is not possible (neck stiffness)</source>
        <translation>这个动作做不了（颈部僵硬）</translation>
    </message>
    <message>
        <location filename="../widgets/liveness_panel.py" line="91"/>
        <source>Repeat the check</source>
        <translation>重新验证</translation>
    </message>
    <message>
        <location filename="../widgets/liveness_panel.py" line="95"/>
        <source>Continue (a case is opened)</source>
        <translation>继续（将开立案件）</translation>
    </message>
    <message>
        <location filename="../widgets/liveness_panel.py" line="145"/>
        <source>Gesture {n} of {total}</source>
        <translation>第 {n} 个动作，共 {total} 个</translation>
    </message>
    <message>
        <location filename="../widgets/liveness_panel.py" line="181"/>
        <source>The face liveness check was interrupted; nothing was kept. Repeat it.</source>
        <translation>人脸动作验证已中断，未保存任何内容。请重新验证。</translation>
    </message>
</context>
<context>
    <name>Mismatch</name>
    <message>
        <location filename="../texts.py" line="96"/>
        <source>This ID number is not in the roster.</source>
        <translation>名册中没有这个身份证号。</translation>
    </message>
    <message>
        <location filename="../texts.py" line="97"/>
        <source>The person is not in this year&apos;s roster.</source>
        <translation>此人不在本年度名册中。</translation>
    </message>
    <message>
        <location filename="../texts.py" line="98"/>
        <source>The name on the card differs from the roster.</source>
        <translation>证件上的姓名与名册不一致。</translation>
    </message>
    <message>
        <location filename="../texts.py" line="99"/>
        <source>The birth date differs from the roster.</source>
        <translation>出生日期与名册不一致。</translation>
    </message>
    <message>
        <location filename="../texts.py" line="104"/>
        <source>male</source>
        <translation>男</translation>
    </message>
    <message>
        <location filename="../texts.py" line="104"/>
        <source>female</source>
        <translation>女</translation>
    </message>
</context>
<context>
    <name>Operators</name>
    <message>
        <location filename="../screens/operators_panel.py" line="36"/>
        <source>supervisor</source>
        <translation>主管</translation>
    </message>
    <message>
        <location filename="../screens/operators_panel.py" line="36"/>
        <source>operator</source>
        <translation>经办员</translation>
    </message>
    <message>
        <location filename="../screens/operators_panel.py" line="43"/>
        <source>disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <location filename="../screens/operators_panel.py" line="45"/>
        <source>locked until {when}</source>
        <translation>已锁定，至 {when}</translation>
    </message>
    <message>
        <location filename="../screens/operators_panel.py" line="46"/>
        <source>active</source>
        <translation>正常</translation>
    </message>
</context>
<context>
    <name>OperatorsPanel</name>
    <message>
        <location filename="../screens/operators_panel.py" line="89"/>
        <source>Login</source>
        <translation>登录名</translation>
    </message>
    <message>
        <location filename="../screens/operators_panel.py" line="90"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../screens/operators_panel.py" line="91"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../screens/operators_panel.py" line="54"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../screens/operators_panel.py" line="138"/>
        <source>Disable</source>
        <translation>停用</translation>
    </message>
    <message>
        <location filename="../screens/operators_panel.py" line="60"/>
        <source>Unlock</source>
        <translation>解除锁定</translation>
    </message>
    <message>
        <location filename="../screens/operators_panel.py" line="65"/>
        <source>New password (8 characters or more)</source>
        <translation>新密码（至少 8 位）</translation>
    </message>
    <message>
        <location filename="../screens/operators_panel.py" line="66"/>
        <source>Set this password</source>
        <translation>设为新密码</translation>
    </message>
    <message>
        <location filename="../screens/operators_panel.py" line="77"/>
        <source>Add the account</source>
        <translation>添加账号</translation>
    </message>
    <message>
        <location filename="../screens/operators_panel.py" line="87"/>
        <source>New account</source>
        <translation>新账号</translation>
    </message>
    <message>
        <location filename="../screens/operators_panel.py" line="92"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../screens/operators_panel.py" line="96"/>
        <source>Only a supervisor can change accounts; a clerk is asked for a supervisor&apos;s password.</source>
        <translation>只有主管可以修改账号；经办员操作时需输入主管密码。</translation>
    </message>
    <message>
        <location filename="../screens/operators_panel.py" line="138"/>
        <source>Enable</source>
        <translation>启用</translation>
    </message>
    <message>
        <location filename="../screens/operators_panel.py" line="152"/>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <location filename="../screens/operators_panel.py" line="175"/>
        <source>Adding an account needs a supervisor.</source>
        <translation>添加账号需要主管确认。</translation>
    </message>
    <message>
        <location filename="../screens/operators_panel.py" line="175"/>
        <source>Account {login} added ✔</source>
        <translation>账号 {login} 已添加 ✔</translation>
    </message>
    <message>
        <location filename="../screens/operators_panel.py" line="193"/>
        <source>Account {login} enabled ✔</source>
        <translation>账号 {login} 已启用 ✔</translation>
    </message>
    <message>
        <location filename="../screens/operators_panel.py" line="193"/>
        <source>Account {login} disabled ✔</source>
        <translation>账号 {login} 已停用 ✔</translation>
    </message>
    <message>
        <location filename="../screens/operators_panel.py" line="196"/>
        <source>Enabling {login} needs a supervisor.</source>
        <translation>启用 {login} 需要主管确认。</translation>
    </message>
    <message>
        <location filename="../screens/operators_panel.py" line="196"/>
        <source>Disabling {login} needs a supervisor.</source>
        <translation>停用 {login} 需要主管确认。</translation>
    </message>
    <message>
        <location filename="../screens/operators_panel.py" line="209"/>
        <source>Unlocking {login} needs a supervisor.</source>
        <translation>解除 {login} 的锁定需要主管确认。</translation>
    </message>
    <message>
        <location filename="../screens/operators_panel.py" line="209"/>
        <source>Account {login} unlocked ✔</source>
        <translation>账号 {login} 已解除锁定 ✔</translation>
    </message>
    <message>
        <location filename="../screens/operators_panel.py" line="223"/>
        <source>A new password for {login} needs a supervisor.</source>
        <translation>为 {login} 设置新密码需要主管确认。</translation>
    </message>
    <message>
        <location filename="../screens/operators_panel.py" line="223"/>
        <source>New password set for {login}; the account is unlocked ✔</source>
        <translation>已为 {login} 设置新密码，账号已解除锁定 ✔</translation>
    </message>
</context>
<context>
    <name>Policy</name>
    <message>
        <location filename="../screens/settings_screen.py" line="47"/>
        <source>1 in 100</source>
        <translation>百分之一</translation>
    </message>
    <message>
        <location filename="../screens/settings_screen.py" line="48"/>
        <source>1 in 1,000</source>
        <translation>千分之一</translation>
    </message>
    <message>
        <location filename="../screens/settings_screen.py" line="49"/>
        <source>1 in 10,000</source>
        <translation>万分之一</translation>
    </message>
    <message>
        <location filename="../screens/settings_screen.py" line="50"/>
        <source>1 in 100,000</source>
        <translation>十万分之一</translation>
    </message>
    <message>
        <location filename="../screens/settings_screen.py" line="51"/>
        <source>1 in 1,000,000</source>
        <translation>百万分之一</translation>
    </message>
</context>
<context>
    <name>Preview</name>
    <message>
        <location filename="../widgets/preview_widget.py" line="23"/>
        <source>Waiting for the device…</source>
        <translation>正在等待设备…</translation>
    </message>
    <message>
        <location filename="../widgets/preview_widget.py" line="27"/>
        <source>More than one face: only the retiree should face the camera.</source>
        <translation>画面中有多张人脸：只应让退休人员面对摄像头。</translation>
    </message>
    <message>
        <location filename="../widgets/preview_widget.py" line="28"/>
        <source>No face yet: ask the person to look at the camera.</source>
        <translation>尚未发现人脸：请被采集人看向摄像头。</translation>
    </message>
    <message>
        <location filename="../widgets/preview_widget.py" line="29"/>
        <source>No palm yet: lay the whole hand flat, fingers spread.</source>
        <translation>尚未发现手掌：请将整只手平放，五指张开。</translation>
    </message>
    <message>
        <location filename="../widgets/preview_widget.py" line="31"/>
        <source>Good — hold still.</source>
        <translation>很好 — 请保持不动。</translation>
    </message>
    <message>
        <location filename="../widgets/preview_widget.py" line="32"/>
        <source>Nearly: hold still and keep the hand flat.</source>
        <translation>差一点：请保持不动，手放平。</translation>
    </message>
    <message>
        <location filename="../widgets/preview_widget.py" line="66"/>
        <source>No picture</source>
        <translation>无图像</translation>
    </message>
    <message>
        <location filename="../widgets/preview_widget.py" line="92"/>
        <source>Quality %p</source>
        <translation>质量 %p</translation>
    </message>
</context>
<context>
    <name>Receipt</name>
    <message>
        <location filename="../texts.py" line="183"/>
        <source>enrolment</source>
        <translation>采集</translation>
    </message>
    <message>
        <location filename="../texts.py" line="184"/>
        <source>certification</source>
        <translation>认证</translation>
    </message>
    <message>
        <location filename="../texts.py" line="185"/>
        <source>home-visit certification</source>
        <translation>上门认证</translation>
    </message>
    <message>
        <location filename="../texts.py" line="186"/>
        <source>delegated certification</source>
        <translation>委托认证</translation>
    </message>
    <message>
        <location filename="../texts.py" line="192"/>
        <source>complete</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../texts.py" line="193"/>
        <source>held for review</source>
        <translation>待审核</translation>
    </message>
    <message>
        <location filename="../texts.py" line="194"/>
        <source>accepted</source>
        <translation>通过</translation>
    </message>
    <message>
        <location filename="../widgets/receipt_panel.py" line="79"/>
        <source>Save as PDF…</source>
        <translation>另存为 PDF…</translation>
    </message>
    <message>
        <location filename="../widgets/receipt_panel.py" line="116"/>
        <source>Preparing the receipt…</source>
        <translation>正在准备回执…</translation>
    </message>
    <message>
        <location filename="../widgets/receipt_panel.py" line="135"/>
        <source>signature valid ✔</source>
        <translation>签章有效 ✔</translation>
    </message>
    <message>
        <location filename="../widgets/receipt_panel.py" line="135"/>
        <source>SIGNATURE INVALID</source>
        <translation>签章无效</translation>
    </message>
    <message>
        <location filename="../widgets/receipt_panel.py" line="140"/>
        <source>Receipt {number} — {kind}, {result}
{name} · issued {issued} · {check}</source>
        <translation>回执 {number} — {kind}，{result}
{name} · 开具于 {issued} · {check}</translation>
    </message>
    <message>
        <location filename="../widgets/receipt_panel.py" line="165"/>
        <source>Receipt number: {v}</source>
        <translation>回执编号：{v}</translation>
    </message>
    <message>
        <location filename="../widgets/receipt_panel.py" line="165"/>
        <source>Kind: {v}</source>
        <translation>类型：{v}</translation>
    </message>
    <message>
        <location filename="../widgets/receipt_panel.py" line="165"/>
        <source>Result: {v}</source>
        <translation>结果：{v}</translation>
    </message>
    <message>
        <location filename="../widgets/receipt_panel.py" line="165"/>
        <source>Name: {v}</source>
        <translation>姓名：{v}</translation>
    </message>
    <message>
        <location filename="../widgets/receipt_panel.py" line="165"/>
        <source>Issued: {v}</source>
        <translation>开具时间：{v}</translation>
    </message>
    <message>
        <location filename="../widgets/receipt_panel.py" line="165"/>
        <source>Device key: {v}</source>
        <translation>设备密钥：{v}</translation>
    </message>
    <message>
        <location filename="../widgets/receipt_panel.py" line="165"/>
        <source>Copies printed: {v}</source>
        <translation>已打印副本：{v}</translation>
    </message>
    <message>
        <location filename="../widgets/receipt_panel.py" line="261"/>
        <source>Save the receipt</source>
        <translation>保存回执</translation>
    </message>
    <message>
        <location filename="../widgets/receipt_panel.py" line="287"/>
        <source>Copy {n} printed ({where}).</source>
        <translation>已打印副本 {n}（{where}）。</translation>
    </message>
    <message>
        <location filename="../widgets/receipt_panel.py" line="293"/>
        <source>Original printed ({where}).</source>
        <translation>已打印正本（{where}）。</translation>
    </message>
    <message>
        <location filename="../widgets/receipt_panel.py" line="75"/>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <location filename="../widgets/receipt_panel.py" line="77"/>
        <source>Print preview…</source>
        <translation>打印预览…</translation>
    </message>
    <message>
        <location filename="../widgets/receipt_panel.py" line="211"/>
        <source>Preparing the pages…</source>
        <translation>正在准备打印页面…</translation>
    </message>
    <message>
        <location filename="../widgets/receipt_panel.py" line="237"/>
        <source>The printer could not be started.</source>
        <translation>无法启动打印机。</translation>
    </message>
    <message>
        <location filename="../widgets/receipt_panel.py" line="274"/>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <location filename="../widgets/receipt_panel.py" line="287"/>
        <source>Copy {n} printed.</source>
        <translation>已打印副本 {n}。</translation>
    </message>
    <message>
        <location filename="../widgets/receipt_panel.py" line="293"/>
        <source>Original printed.</source>
        <translation>已打印原件。</translation>
    </message>
    <message>
        <location filename="../widgets/receipt_print.py" line="23"/>
        <source>A4 sheet</source>
        <translation>A4 纸</translation>
    </message>
    <message>
        <location filename="../widgets/receipt_print.py" line="24"/>
        <source>80 mm receipt roll</source>
        <translation>80 毫米小票纸</translation>
    </message>
    <message>
        <location filename="../widgets/receipt_print.py" line="73"/>
        <source>Receipt {number} — print preview</source>
        <translation>回执 {number} — 打印预览</translation>
    </message>
</context>
<context>
    <name>ReceiptsScreen</name>
    <message>
        <location filename="../screens/receipts_screen.py" line="47"/>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <location filename="../screens/receipts_screen.py" line="49"/>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../screens/receipts_screen.py" line="49"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../screens/receipts_screen.py" line="49"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../screens/receipts_screen.py" line="49"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../screens/receipts_screen.py" line="49"/>
        <source>Issued</source>
        <translation>开具时间</translation>
    </message>
    <message>
        <location filename="../screens/receipts_screen.py" line="59"/>
        <source>Scan or paste the receipt's QR code (FK1:…)</source>
        <translation>扫描或粘贴回执二维码（FK1:…）</translation>
    </message>
    <message>
        <location filename="../screens/receipts_screen.py" line="61"/>
        <source>Check</source>
        <translation>核验</translation>
    </message>
    <message>
        <location filename="../screens/receipts_screen.py" line="63"/>
        <source>Check a scan or PDF…</source>
        <translation>核验扫描件或 PDF…</translation>
    </message>
    <message>
        <location filename="../screens/receipts_screen.py" line="77"/>
        <source>Latest receipts from this laptop</source>
        <translation>本机最近开具的回执</translation>
    </message>
    <message>
        <location filename="../screens/receipts_screen.py" line="80"/>
        <source>Check a receipt</source>
        <translation>核验回执</translation>
    </message>
    <message>
        <location filename="../screens/receipts_screen.py" line="103"/>
        <source>Receipts</source>
        <translation>回执</translation>
    </message>
    <message>
        <location filename="../screens/receipts_screen.py" line="168"/>
        <source>A scan, photo or PDF of the receipt</source>
        <translation>回执的扫描件、照片或 PDF</translation>
    </message>
    <message>
        <location filename="../screens/receipts_screen.py" line="186"/>
        <source>Genuine ✔ receipt {number}, {kind}, issued {when}</source>
        <translation>真实有效 ✔ 回执 {number}，{kind}，开具于 {when}</translation>
    </message>
    <message>
        <location filename="../screens/receipts_screen.py" line="195"/>
        <source>Made by another laptop (key {key}); headquarters can check it.</source>
        <translation>由另一台电脑开具（密钥 {key}）；可由中心核验。</translation>
    </message>
    <message>
        <location filename="../screens/receipts_screen.py" line="202"/>
        <source>ALTERED: this receipt does not match its signature.</source>
        <translation>已被篡改：此回执与签章不符。</translation>
    </message>
    <message>
        <location filename="../screens/receipts_screen.py" line="66"/>
        <source>Today's summary…</source>
        <translation>今日汇总…</translation>
    </message>
    <message>
        <location filename="../screens/receipts_screen.py" line="68"/>
        <source>Case list…</source>
        <translation>案件清单…</translation>
    </message>
    <message>
        <location filename="../screens/receipts_screen.py" line="89"/>
        <source>Reports (names and ID numbers masked)</source>
        <translation>报表（姓名和身份证号已脱敏）</translation>
    </message>
    <message>
        <location filename="../screens/receipts_screen.py" line="210"/>
        <source>Folder for today&apos;s summary</source>
        <translation>今日汇总的保存文件夹</translation>
    </message>
    <message>
        <location filename="../screens/receipts_screen.py" line="233"/>
        <source>Writing the report…</source>
        <translation>正在生成报表…</translation>
    </message>
    <message>
        <location filename="../screens/receipts_screen.py" line="234"/>
        <source>Written: {files}</source>
        <translation>已生成：{files}</translation>
    </message>
    <message>
        <location filename="../screens/receipts_screen.py" line="227"/>
        <source>Save the case list</source>
        <translation>保存案件清单</translation>
    </message>
    <message>
        <location filename="../screens/receipts_screen.py" line="45"/>
        <source>Receipt number, or the person: name, pinyin, last 4 digits</source>
        <translation>回执编号，或人员：姓名、拼音、身份证后四位</translation>
    </message>
    <message>
        <location filename="../screens/receipts_screen.py" line="147"/>
        <source>No receipt found for this person.</source>
        <translation>没有找到此人的回执。</translation>
    </message>
</context>
<context>
    <name>Result</name>
    <message>
        <location filename="../texts.py" line="201"/>
        <source>✔ Accepted</source>
        <translation>✔ 认证通过</translation>
    </message>
    <message>
        <location filename="../texts.py" line="202"/>
        <source>↻ Try again</source>
        <translation>↻ 请再试一次</translation>
    </message>
    <message>
        <location filename="../texts.py" line="203"/>
        <source>? Needs review</source>
        <translation>? 需要复核</translation>
    </message>
    <message>
        <location filename="../texts.py" line="204"/>
        <source>✖ Not matched</source>
        <translation>✖ 比对不符</translation>
    </message>
    <message>
        <location filename="../texts.py" line="205"/>
        <source>✔ Already certified</source>
        <translation>✔ 本年已认证</translation>
    </message>
    <message>
        <location filename="../texts.py" line="206"/>
        <source>! Not enrolled</source>
        <translation>! 尚未采集</translation>
    </message>
    <message>
        <location filename="../texts.py" line="207"/>
        <source>! Enrolment on hold</source>
        <translation>! 采集待复核</translation>
    </message>
</context>
<context>
    <name>SettingsScreen</name>
    <message>
        <location filename="../screens/settings_screen.py" line="87"/>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location filename="../screens/settings_screen.py" line="88"/>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <location filename="../screens/settings_screen.py" line="92"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../screens/settings_screen.py" line="93"/>
        <source>Font size</source>
        <translation>字号</translation>
    </message>
    <message>
        <location filename="../screens/settings_screen.py" line="94"/>
        <source>Lock the screen after</source>
        <translation>无操作锁屏时间</translation>
    </message>
    <message>
        <location filename="../screens/settings_screen.py" line="137"/>
        <source>Save policy</source>
        <translation>保存策略</translation>
    </message>
    <message>
        <location filename="../screens/settings_screen.py" line="156"/>
        <source>Retry margin</source>
        <translation>重试余量</translation>
    </message>
    <message>
        <location filename="../screens/settings_screen.py" line="157"/>
        <source>Attempts before review</source>
        <translation>转复核前的尝试次数</translation>
    </message>
    <message>
        <location filename="../screens/settings_screen.py" line="158"/>
        <source>Samples per hand at enrolment</source>
        <translation>采集时每只手的次数</translation>
    </message>
    <message>
        <location filename="../screens/settings_screen.py" line="174"/>
        <source>Devices</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../screens/settings_screen.py" line="175"/>
        <source>Display</source>
        <translation>显示</translation>
    </message>
    <message>
        <location filename="../screens/settings_screen.py" line="179"/>
        <source>Policy</source>
        <translation>策略</translation>
    </message>
    <message>
        <location filename="../screens/settings_screen.py" line="182"/>
        <source>Devices &amp; settings</source>
        <translation>设备与设置</translation>
    </message>
    <message>
        <location filename="../screens/settings_screen.py" line="237"/>
        <source>Score thresholds in use: {values}</source>
        <translation>当前使用的分数阈值：{values}</translation>
    </message>
    <message>
        <location filename="../screens/settings_screen.py" line="238"/>
        <source>You are a supervisor: you may change the policy.</source>
        <translation>您是主管：可以修改策略。</translation>
    </message>
    <message>
        <location filename="../screens/settings_screen.py" line="238"/>
        <source>Only a supervisor may change the policy; you will be asked for a supervisor&apos;s password.</source>
        <translation>只有主管可以修改策略；保存时需要主管密码。</translation>
    </message>
    <message>
        <location filename="../screens/settings_screen.py" line="290"/>
        <source>Changing the policy needs a supervisor.</source>
        <translation>修改策略需要主管确认。</translation>
    </message>
    <message>
        <location filename="../screens/settings_screen.py" line="303"/>
        <source>Policy saved ✔</source>
        <translation>策略已保存 ✔</translation>
    </message>
    <message>
        <location filename="../screens/settings_screen.py" line="229"/>
        <source>palm</source>
        <translation>手掌</translation>
    </message>
    <message>
        <location filename="../screens/settings_screen.py" line="230"/>
        <source>face</source>
        <translation>人脸</translation>
    </message>
    <message>
        <location filename="../screens/settings_screen.py" line="231"/>
        <source>palm and face</source>
        <translation>手掌+人脸</translation>
    </message>
    <message>
        <location filename="../screens/settings_screen.py" line="180"/>
        <source>Operators</source>
        <translation>操作员账号</translation>
    </message>
    <message>
        <location filename="../screens/settings_screen.py" line="143"/>
        <source>A stranger&apos;s palm may pass at most</source>
        <translation>他人手掌被误认的概率不超过</translation>
    </message>
    <message>
        <location filename="../screens/settings_screen.py" line="144"/>
        <source>With palm and face together, at most</source>
        <translation>手掌加人脸综合比对时，不超过</translation>
    </message>
    <message>
        <location filename="../screens/settings_screen.py" line="145"/>
        <source>A face alone sends to a supervisor at</source>
        <translation>仅人脸一致时转主管审核的标准</translation>
    </message>
    <message>
        <location filename="../screens/settings_screen.py" line="152"/>
        <source>Advanced (supervisor): attempts, margins, thresholds</source>
        <translation>高级（主管）：尝试次数、重试范围、阈值</translation>
    </message>
    <message>
        <location filename="../screens/settings_screen.py" line="213"/>
        <source>A palm is accepted when the chance that it is someone else&apos;s is below {palm}; with the face as well, below {fused}. A face alone never certifies: it sends the person to a supervisor. After {attempts} attempts without a clear answer, a supervisor looks.</source>
        <translation>只有当手掌属于他人的可能性低于{palm}时才通过；加上人脸时低于{fused}。仅人脸一致不能认证，只会转主管审核。连续 {attempts} 次没有明确结果时，由主管处理。</translation>
    </message>
    <message>
        <location filename="../screens/settings_screen.py" line="131"/>
        <source>Off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../screens/settings_screen.py" line="133"/>
        <source>Required</source>
        <translation>必须</translation>
    </message>
    <message>
        <location filename="../screens/settings_screen.py" line="132"/>
        <source>When the device supports it</source>
        <translation>设备支持时</translation>
    </message>
    <message>
        <location filename="../screens/settings_screen.py" line="146"/>
        <source>Face gesture check (liveness)</source>
        <translation>人脸动作验证</translation>
    </message>
    <message>
        <location filename="../screens/settings_screen.py" line="147"/>
        <source>Palm vein liveness</source>
        <translation>掌静脉活体</translation>
    </message>
    <message>
        <location filename="../screens/settings_screen.py" line="148"/>
        <source>Face gesture check at enrolment</source>
        <translation>采集时人脸动作验证</translation>
    </message>
    <message>
        <location filename="../screens/settings_screen.py" line="149"/>
        <source>Palm vein liveness at enrolment</source>
        <translation>采集时掌静脉活体</translation>
    </message>
    <message>
        <location filename="../screens/settings_screen.py" line="232"/>
        <source>palm floor with face</source>
        <translation>人脸辅助时手掌最低分</translation>
    </message>
</context>
<context>
    <name>SignaturePad</name>
    <message>
        <location filename="../widgets/signature_pad.py" line="95"/>
        <source>Sign here</source>
        <translation>请在此签名</translation>
    </message>
</context>
<context>
    <name>Strength</name>
    <message>
        <location filename="../widgets/strength_meter.py" line="37"/>
        <source>Too short</source>
        <translation>太短</translation>
    </message>
    <message>
        <location filename="../widgets/strength_meter.py" line="38"/>
        <source>Weak</source>
        <translation>弱</translation>
    </message>
    <message>
        <location filename="../widgets/strength_meter.py" line="39"/>
        <source>Fair</source>
        <translation>一般</translation>
    </message>
    <message>
        <location filename="../widgets/strength_meter.py" line="40"/>
        <source>Good</source>
        <translation>较强</translation>
    </message>
    <message>
        <location filename="../widgets/strength_meter.py" line="41"/>
        <source>Strong</source>
        <translation>强</translation>
    </message>
</context>
<context>
    <name>SupervisorDialog</name>
    <message>
        <location filename="../screens/supervisor_dialog.py" line="32"/>
        <source>Supervisor needed</source>
        <translation>需要主管确认</translation>
    </message>
    <message>
        <location filename="../screens/supervisor_dialog.py" line="41"/>
        <source>Confirm</source>
        <translation>确认</translation>
    </message>
    <message>
        <location filename="../screens/supervisor_dialog.py" line="43"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../screens/supervisor_dialog.py" line="46"/>
        <source>Supervisor login</source>
        <translation>主管账号</translation>
    </message>
    <message>
        <location filename="../screens/supervisor_dialog.py" line="47"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
</context>
<context>
    <name>Sync</name>
    <message>
        <location filename="../texts.py" line="111"/>
        <source>people</source>
        <translation>人员</translation>
    </message>
    <message>
        <location filename="../texts.py" line="112"/>
        <source>enrolments</source>
        <translation>采集记录</translation>
    </message>
    <message>
        <location filename="../texts.py" line="113"/>
        <source>certifications</source>
        <translation>认证记录</translation>
    </message>
    <message>
        <location filename="../texts.py" line="114"/>
        <source>cases</source>
        <translation>案件</translation>
    </message>
    <message>
        <location filename="../texts.py" line="115"/>
        <source>receipts</source>
        <translation>回执</translation>
    </message>
    <message>
        <location filename="../texts.py" line="116"/>
        <source>attachments</source>
        <translation>附件</translation>
    </message>
    <message>
        <location filename="../texts.py" line="117"/>
        <source>operator accounts</source>
        <translation>经办人账号</translation>
    </message>
    <message>
        <location filename="../texts.py" line="124"/>
        <source>conflict: headquarters holds different content</source>
        <translation>冲突：中心保存的内容不同</translation>
    </message>
    <message>
        <location filename="../texts.py" line="125"/>
        <source>refused by headquarters</source>
        <translation>被中心拒收</translation>
    </message>
    <message>
        <location filename="../texts.py" line="126"/>
        <source>no answer for this record</source>
        <translation>中心未答复此记录</translation>
    </message>
</context>
<context>
    <name>SyncScreen</name>
    <message>
        <location filename="../screens/sync_screen.py" line="59"/>
        <source>hq_public.key from headquarters</source>
        <translation>中心下发的 hq_public.key</translation>
    </message>
    <message>
        <location filename="../screens/sync_screen.py" line="60"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location filename="../screens/sync_screen.py" line="62"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../screens/sync_screen.py" line="66"/>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <location filename="../screens/sync_screen.py" line="66"/>
        <source>How many</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../screens/sync_screen.py" line="67"/>
        <source>Send to headquarters now</source>
        <translation>立即发送到中心</translation>
    </message>
    <message>
        <location filename="../screens/sync_screen.py" line="74"/>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <location filename="../screens/sync_screen.py" line="74"/>
        <source>Headquarters&apos; answer</source>
        <translation>中心答复</translation>
    </message>
    <message>
        <location filename="../screens/sync_screen.py" line="75"/>
        <source>Export batch file…</source>
        <translation>导出批次文件…</translation>
    </message>
    <message>
        <location filename="../screens/sync_screen.py" line="77"/>
        <source>Import roster file…</source>
        <translation>导入名册文件…</translation>
    </message>
    <message>
        <location filename="../screens/sync_screen.py" line="84"/>
        <source>Headquarters</source>
        <translation>中心</translation>
    </message>
    <message>
        <location filename="../screens/sync_screen.py" line="86"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../screens/sync_screen.py" line="90"/>
        <source>Key file</source>
        <translation>密钥文件</translation>
    </message>
    <message>
        <location filename="../screens/sync_screen.py" line="97"/>
        <source>Waiting to be sent</source>
        <translation>待发送</translation>
    </message>
    <message>
        <location filename="../screens/sync_screen.py" line="104"/>
        <source>USB stick (no network)</source>
        <translation>U盘（无网络时）</translation>
    </message>
    <message>
        <location filename="../screens/sync_screen.py" line="118"/>
        <source>Sync with headquarters</source>
        <translation>与中心同步</translation>
    </message>
    <message>
        <location filename="../screens/sync_screen.py" line="144"/>
        <source>Headquarters has never confirmed anything from this laptop.</source>
        <translation>中心尚未确认过本机的任何数据。</translation>
    </message>
    <message>
        <location filename="../screens/sync_screen.py" line="146"/>
        <source>Headquarters last confirmed records {days:.1f} days ago.</source>
        <translation>中心上次确认数据在 {days:.1f} 天前。</translation>
    </message>
    <message>
        <location filename="../screens/sync_screen.py" line="152"/>
        <source>{n} records wait for headquarters.</source>
        <translation>有 {n} 条记录等待发送到中心。</translation>
    </message>
    <message>
        <location filename="../screens/sync_screen.py" line="152"/>
        <source>Everything has reached headquarters ✔</source>
        <translation>所有数据都已送达中心 ✔</translation>
    </message>
    <message>
        <location filename="../screens/sync_screen.py" line="160"/>
        <source>Headquarters key file</source>
        <translation>中心密钥文件</translation>
    </message>
    <message>
        <location filename="../screens/sync_screen.py" line="171"/>
        <source>Headquarters settings saved ✔</source>
        <translation>中心设置已保存 ✔</translation>
    </message>
    <message>
        <location filename="../screens/sync_screen.py" line="181"/>
        <source>Sending… the screen stays usable.</source>
        <translation>正在发送…界面仍可正常使用。</translation>
    </message>
    <message>
        <location filename="../screens/sync_screen.py" line="210"/>
        <source>Nothing to send: everything has reached headquarters ✔</source>
        <translation>无需发送：所有数据都已送达中心 ✔</translation>
    </message>
    <message>
        <location filename="../screens/sync_screen.py" line="213"/>
        <source>Connected. Sent {sent}; headquarters confirmed {ack}; {left} still waiting.</source>
        <translation>已连接。发送 {sent} 条；中心确认 {ack} 条；还有 {left} 条待发送。</translation>
    </message>
    <message>
        <location filename="../screens/sync_screen.py" line="218"/>
        <source>{n} records are queued for review at headquarters.</source>
        <translation>有 {n} 条记录在中心等待审核。</translation>
    </message>
    <message>
        <location filename="../screens/sync_screen.py" line="224"/>
        <source>Headquarters is missing {n} earlier records from this laptop.</source>
        <translation>中心缺少本机此前的 {n} 条记录。</translation>
    </message>
    <message>
        <location filename="../screens/sync_screen.py" line="231"/>
        <source>{n} decisions from headquarters were applied.</source>
        <translation>已执行中心下发的 {n} 项处理结果。</translation>
    </message>
    <message>
        <location filename="../screens/sync_screen.py" line="233"/>
        <source>{n} palm images headquarters holds were removed from this laptop.</source>
        <translation>中心已保存的 {n} 张手掌图像已从本机删除。</translation>
    </message>
    <message>
        <location filename="../screens/sync_screen.py" line="263"/>
        <source>Save the batch file</source>
        <translation>保存批次文件</translation>
    </message>
    <message>
        <location filename="../screens/sync_screen.py" line="271"/>
        <source>Writing the batch file…</source>
        <translation>正在写入批次文件…</translation>
    </message>
    <message>
        <location filename="../screens/sync_screen.py" line="272"/>
        <source>{n} records written to {file} (sealed for headquarters).</source>
        <translation>已将 {n} 条记录写入 {file}（已加密，仅中心可读）。</translation>
    </message>
    <message>
        <location filename="../screens/sync_screen.py" line="284"/>
        <source>Roster file from headquarters</source>
        <translation>中心下发的名册文件</translation>
    </message>
    <message>
        <location filename="../screens/sync_screen.py" line="293"/>
        <source>Reading the roster…</source>
        <translation>正在读取名册…</translation>
    </message>
    <message>
        <location filename="../screens/sync_screen.py" line="296"/>
        <source>Roster: {ok} people taken in, {bad} rows refused.</source>
        <translation>名册：导入 {ok} 人，拒收 {bad} 行。</translation>
    </message>
    <message>
        <location filename="../screens/sync_screen.py" line="79"/>
        <source>Import work package…</source>
        <translation>导入工作包…</translation>
    </message>
    <message>
        <location filename="../screens/sync_screen.py" line="325"/>
        <source>Work package from headquarters</source>
        <translation>中心下发的工作包</translation>
    </message>
    <message>
        <location filename="../screens/sync_screen.py" line="333"/>
        <source>Checking the work package…</source>
        <translation>正在核验工作包…</translation>
    </message>
    <message>
        <location filename="../screens/sync_screen.py" line="312"/>
        <source>Work package {region}/{cycle}: {added} people added, {updated} updated, {enrolled} enrolments and {certified} certifications taken in.</source>
        <translation>工作包 {region}/{cycle}：新增 {added} 人，更新 {updated} 人，导入采集记录 {enrolled} 条、认证记录 {certified} 条。</translation>
    </message>
</context>
<context>
    <name>TodayScreen</name>
    <message>
        <location filename="../screens/today_screen.py" line="56"/>
        <source>Home visits only</source>
        <translation>只看上门认证</translation>
    </message>
    <message>
        <location filename="../screens/today_screen.py" line="71"/>
        <source>certified</source>
        <translation>已认证</translation>
    </message>
    <message>
        <location filename="../screens/today_screen.py" line="72"/>
        <source>still due</source>
        <translation>待认证</translation>
    </message>
    <message>
        <location filename="../screens/today_screen.py" line="73"/>
        <source>not yet sent to HQ</source>
        <translation>未发送到中心</translation>
    </message>
    <message>
        <location filename="../screens/today_screen.py" line="74"/>
        <source>open cases</source>
        <translation>待处理案件</translation>
    </message>
    <message>
        <location filename="../screens/today_screen.py" line="86"/>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <location filename="../screens/today_screen.py" line="86"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../screens/today_screen.py" line="118"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../screens/today_screen.py" line="115"/>
        <source>District</source>
        <translation>区县</translation>
    </message>
    <message>
        <location filename="../screens/today_screen.py" line="86"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../screens/today_screen.py" line="102"/>
        <source>Enrol this person</source>
        <translation>为此人采集</translation>
    </message>
    <message>
        <location filename="../screens/today_screen.py" line="103"/>
        <source>Certify this person</source>
        <translation>为此人认证</translation>
    </message>
    <message>
        <location filename="../screens/today_screen.py" line="130"/>
        <source>Today</source>
        <translation>今日工作</translation>
    </message>
    <message>
        <location filename="../screens/today_screen.py" line="174"/>
        <source>certified ✔</source>
        <translation>已认证 ✔</translation>
    </message>
    <message>
        <location filename="../screens/today_screen.py" line="175"/>
        <source>due</source>
        <translation>待认证</translation>
    </message>
    <message>
        <location filename="../screens/today_screen.py" line="175"/>
        <source>due — not enrolled</source>
        <translation>待认证 — 尚未采集</translation>
    </message>
    <message>
        <location filename="../screens/today_screen.py" line="183"/>
        <source>All districts</source>
        <translation>全部区县</translation>
    </message>
    <message>
        <location filename="../screens/today_screen.py" line="184"/>
        <source>All units</source>
        <translation>全部单位</translation>
    </message>
    <message>
        <location filename="../screens/today_screen.py" line="194"/>
        <source>Cycle {cycle}: {shown} people shown.</source>
        <translation>{cycle} 年度：显示 {shown} 人。</translation>
    </message>
    <message>
        <location filename="../screens/today_screen.py" line="47"/>
        <source>ID number, its last 4 digits, name, or pinyin (zhangsan / zs)</source>
        <translation>身份证号、后四位、姓名或拼音（zhangsan / zs）</translation>
    </message>
    <message>
        <location filename="../screens/today_screen.py" line="86"/>
        <source>Age</source>
        <translation>年龄</translation>
    </message>
    <message>
        <location filename="../screens/today_screen.py" line="86"/>
        <source>Address</source>
        <translation>住址</translation>
    </message>
    <message>
        <location filename="../screens/today_screen.py" line="86"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../screens/today_screen.py" line="107"/>
        <source>Show the full ID number</source>
        <translation>显示完整身份证号</translation>
    </message>
    <message>
        <location filename="../screens/today_screen.py" line="109"/>
        <source>History and receipts…</source>
        <translation>历史与回执…</translation>
    </message>
</context>
<context>
    <name>UnlockScreen</name>
    <message>
        <location filename="../screens/unlock_screen.py" line="35"/>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location filename="../screens/unlock_screen.py" line="39"/>
        <source>Unlock the store</source>
        <translation>解锁数据库</translation>
    </message>
    <message>
        <location filename="../screens/unlock_screen.py" line="40"/>
        <source>Type the store passphrase of this laptop.</source>
        <translation>请输入本机数据库口令。</translation>
    </message>
    <message>
        <location filename="../screens/unlock_screen.py" line="42"/>
        <source>Passphrase</source>
        <translation>口令</translation>
    </message>
    <message>
        <location filename="../screens/unlock_screen.py" line="55"/>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../screens/unlock_screen.py" line="57"/>
        <source>Close the store</source>
        <translation>关闭数据库</translation>
    </message>
    <message>
        <location filename="../screens/unlock_screen.py" line="62"/>
        <source>Who is working?</source>
        <translation>请经办人登录</translation>
    </message>
    <message>
        <location filename="../screens/unlock_screen.py" line="65"/>
        <source>Login</source>
        <translation>账号</translation>
    </message>
    <message>
        <location filename="../screens/unlock_screen.py" line="66"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../screens/unlock_screen.py" line="101"/>
        <source>The screen was locked after a quiet period. Log in to continue where you were.</source>
        <translation>长时间无操作，屏幕已锁定。登录后可从原处继续。</translation>
    </message>
    <message>
        <location filename="../screens/unlock_screen.py" line="101"/>
        <source>Log in with your own account: every record names who made it.</source>
        <translation>请使用本人账号登录：每条记录都会注明经办人。</translation>
    </message>
    <message>
        <location filename="../screens/unlock_screen.py" line="116"/>
        <source>Opening…</source>
        <translation>正在打开…</translation>
    </message>
</context>
<context>
    <name>Visit</name>
    <message>
        <location filename="../widgets/visit_paths.py" line="42"/>
        <source>Here at the counter</source>
        <translation>在本窗口认证</translation>
    </message>
    <message>
        <location filename="../widgets/visit_paths.py" line="43"/>
        <source>Home visit (bedside)</source>
        <translation>上门认证（床边）</translation>
    </message>
    <message>
        <location filename="../widgets/visit_paths.py" line="44"/>
        <source>At another office, on our behalf</source>
        <translation>异地代办认证</translation>
    </message>
    <message>
        <location filename="../widgets/visit_paths.py" line="50"/>
        <source>spouse</source>
        <translation>配偶</translation>
    </message>
    <message>
        <location filename="../widgets/visit_paths.py" line="51"/>
        <source>son or daughter</source>
        <translation>子女</translation>
    </message>
    <message>
        <location filename="../widgets/visit_paths.py" line="52"/>
        <source>other relative</source>
        <translation>其他亲属</translation>
    </message>
    <message>
        <location filename="../widgets/visit_paths.py" line="53"/>
        <source>neighbour</source>
        <translation>邻居</translation>
    </message>
    <message>
        <location filename="../widgets/visit_paths.py" line="54"/>
        <source>community worker</source>
        <translation>社区工作人员</translation>
    </message>
    <message>
        <location filename="../widgets/visit_paths.py" line="60"/>
        <source>Retirement certificate</source>
        <translation>退休证</translation>
    </message>
    <message>
        <location filename="../widgets/visit_paths.py" line="61"/>
        <source>ID card</source>
        <translation>身份证</translation>
    </message>
    <message>
        <location filename="../widgets/visit_paths.py" line="62"/>
        <source>Assistance form</source>
        <translation>协助认证表</translation>
    </message>
    <message>
        <location filename="../widgets/visit_paths.py" line="63"/>
        <source>Other document</source>
        <translation>其他证明</translation>
    </message>
    <message>
        <location filename="../widgets/visit_paths.py" line="91"/>
        <source>Take the visit photo</source>
        <translation>拍摄现场照片</translation>
    </message>
    <message>
        <location filename="../widgets/visit_paths.py" line="97"/>
        <source>Address, or latitude, longitude</source>
        <translation>地址，或 纬度, 经度</translation>
    </message>
    <message>
        <location filename="../widgets/visit_paths.py" line="99"/>
        <source>Read GPS</source>
        <translation>读取定位</translation>
    </message>
    <message>
        <location filename="../widgets/visit_paths.py" line="108"/>
        <source>Witness</source>
        <translation>见证人</translation>
    </message>
    <message>
        <location filename="../widgets/visit_paths.py" line="109"/>
        <source>Relation</source>
        <translation>关系</translation>
    </message>
    <message>
        <location filename="../widgets/visit_paths.py" line="110"/>
        <source>Photo</source>
        <translation>照片</translation>
    </message>
    <message>
        <location filename="../widgets/visit_paths.py" line="111"/>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <location filename="../widgets/visit_paths.py" line="112"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../widgets/visit_paths.py" line="126"/>
        <source>Office</source>
        <translation>代办机构</translation>
    </message>
    <message>
        <location filename="../widgets/visit_paths.py" line="127"/>
        <source>Documents seen</source>
        <translation>查验的证件</translation>
    </message>
    <message>
        <location filename="../widgets/visit_paths.py" line="138"/>
        <source>Approval reference</source>
        <translation>审批文号</translation>
    </message>
    <message>
        <location filename="../widgets/visit_paths.py" line="139"/>
        <source>Approved by (county official)</source>
        <translation>审批人（县级）</translation>
    </message>
    <message>
        <location filename="../widgets/visit_paths.py" line="189"/>
        <source>Taking the photo…</source>
        <translation>正在拍照…</translation>
    </message>
    <message>
        <location filename="../widgets/visit_paths.py" line="201"/>
        <source>Take it again</source>
        <translation>重拍</translation>
    </message>
    <message>
        <location filename="../widgets/visit_paths.py" line="202"/>
        <source>Visit photo taken ✔</source>
        <translation>现场照片已拍 ✔</translation>
    </message>
    <message>
        <location filename="../widgets/visit_paths.py" line="207"/>
        <source>Reading the GPS…</source>
        <translation>正在读取定位…</translation>
    </message>
    <message>
        <location filename="../widgets/visit_paths.py" line="216"/>
        <source>Place from GPS ✔</source>
        <translation>已从定位获取地点 ✔</translation>
    </message>
    <message>
        <location filename="../widgets/visit_paths.py" line="132"/>
        <source>No ID card (approved)</source>
        <translation>无身份证（已审批）</translation>
    </message>
</context>
<context>
    <name>Window</name>
    <message>
        <location filename="../main_window.py" line="53"/>
        <source>Today</source>
        <translation>今日工作</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="54"/>
        <source>Enrol</source>
        <translation>采集</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="55"/>
        <source>Certify</source>
        <translation>认证</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="56"/>
        <source>Cases</source>
        <translation>案件</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="57"/>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="58"/>
        <source>Receipts</source>
        <translation>回执</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="90"/>
        <source>fieldkit — enrolment and certification</source>
        <translation>fieldkit — 采集与资格认证</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="136"/>
        <source>Lock (Ctrl+L)</source>
        <translation>锁屏 (Ctrl+L)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="281"/>
        <source>supervisor</source>
        <translation>主管</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="281"/>
        <source>operator</source>
        <translation>经办人</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="298"/>
        <source>Devices: {n} ready</source>
        <translation>设备：{n} 台就绪</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="300"/>
        <source>({n} simulated)</source>
        <translation>（{n} 台模拟）</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="308"/>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="309"/>
        <source>Last sent to HQ: {when} · {n} waiting</source>
        <translation>上次上传中心：{when} · 待传 {n} 条</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="59"/>
        <source>Settings</source>
        <translation>设备与设置</translation>
    </message>
</context>
</TS>
