<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>Capture</name>
    <message>
        <location filename="../texts.py" line="82"/>
        <source>injured or bandaged</source>
        <translation>injured or bandaged</translation>
    </message>
    <message>
        <location filename="../texts.py" line="83"/>
        <source>amputated</source>
        <translation>amputated</translation>
    </message>
    <message>
        <location filename="../texts.py" line="84"/>
        <source>the person refused</source>
        <translation>the person refused</translation>
    </message>
    <message>
        <location filename="../texts.py" line="85"/>
        <source>the scanner is faulty</source>
        <translation>the scanner is faulty</translation>
    </message>
    <message>
        <location filename="../texts.py" line="86"/>
        <source>other reason</source>
        <translation>other reason</translation>
    </message>
    <message>
        <location filename="../texts.py" line="91"/>
        <source>Left palm</source>
        <translation>Left palm</translation>
    </message>
    <message>
        <location filename="../texts.py" line="91"/>
        <source>Right palm</source>
        <translation>Right palm</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_capture_steps.py" line="40"/>
        <source>Capture again</source>
        <translation>Capture again</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_capture_steps.py" line="42"/>
        <source>Next</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_capture_steps.py" line="107"/>
        <source>Ask the person to look at the camera.</source>
        <translation>Ask the person to look at the camera.</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_capture_steps.py" line="108"/>
        <source>Skip the face</source>
        <translation>Skip the face</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_capture_steps.py" line="156"/>
        <source>The face is skipped; the palms will be enrolled.</source>
        <translation>The face is skipped; the palms will be enrolled.</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_capture_steps.py" line="166"/>
        <source>Looking for the face…</source>
        <translation>Looking for the face…</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_capture_steps.py" line="177"/>
        <source>Checking the picture…</source>
        <translation>Checking the picture…</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_capture_steps.py" line="187"/>
        <source>Face captured ✔</source>
        <translation>Face captured ✔</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_capture_steps.py" line="207"/>
        <source>This hand cannot be captured</source>
        <translation>This hand cannot be captured</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_capture_steps.py" line="224"/>
        <source>{hand}: sample {n} of {total}</source>
        <translation>{hand}: sample {n} of {total}</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_capture_steps.py" line="319"/>
        <source>{hand} done ✔</source>
        <translation>{hand} done ✔</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_capture_steps.py" line="243"/>
        <source>Not captured: {reason}.</source>
        <translation>Not captured: {reason}.</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_capture_steps.py" line="271"/>
        <source>Lay the hand flat on the scanner, fingers spread.</source>
        <translation>Lay the hand flat on the scanner, fingers spread.</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_capture_steps.py" line="294"/>
        <source>Sample {n} kept ✔ — lift the hand.</source>
        <translation>Sample {n} kept ✔ — lift the hand.</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_capture_steps.py" line="302"/>
        <source>Checking that the samples agree…</source>
        <translation>Checking that the samples agree…</translation>
    </message>
</context>
<context>
    <name>CardInput</name>
    <message>
        <location filename="../widgets/card_input.py" line="39"/>
        <source>18-character ID number</source>
        <translation>18-character ID number</translation>
    </message>
    <message>
        <location filename="../widgets/card_input.py" line="56"/>
        <source>ID number</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../widgets/card_input.py" line="60"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../widgets/card_input.py" line="64"/>
        <source>Lay the ID card on the reader.</source>
        <translation>Lay the ID card on the reader.</translation>
    </message>
    <message>
        <location filename="../widgets/card_input.py" line="66"/>
        <source>No card, or the reader does not work? Type the details:</source>
        <translation>No card, or the reader does not work? Type the details:</translation>
    </message>
    <message>
        <location filename="../widgets/card_input.py" line="92"/>
        <source>Waiting for the card…</source>
        <translation>Waiting for the card…</translation>
    </message>
    <message>
        <location filename="../widgets/card_input.py" line="32"/>
        <source>Read card (F2)</source>
        <translation>Read card (F2)</translation>
    </message>
    <message>
        <location filename="../widgets/card_input.py" line="42"/>
        <source>Use typed</source>
        <translation>Use typed</translation>
    </message>
</context>
<context>
    <name>Cases</name>
    <message>
        <location filename="../texts.py" line="22"/>
        <source>No ID card</source>
        <translation>No ID card</translation>
    </message>
    <message>
        <location filename="../texts.py" line="23"/>
        <source>ID details differ</source>
        <translation>ID details differ</translation>
    </message>
    <message>
        <location filename="../texts.py" line="24"/>
        <source>Hand could not be captured</source>
        <translation>Hand could not be captured</translation>
    </message>
    <message>
        <location filename="../texts.py" line="25"/>
        <source>Home visit</source>
        <translation>Home visit</translation>
    </message>
    <message>
        <location filename="../texts.py" line="26"/>
        <source>Delegated certification</source>
        <translation>Delegated certification</translation>
    </message>
    <message>
        <location filename="../texts.py" line="27"/>
        <source>Suspected duplicate</source>
        <translation>Suspected duplicate</translation>
    </message>
    <message>
        <location filename="../texts.py" line="36"/>
        <source>open</source>
        <translation>open</translation>
    </message>
    <message>
        <location filename="../texts.py" line="37"/>
        <source>approved</source>
        <translation>approved</translation>
    </message>
    <message>
        <location filename="../texts.py" line="38"/>
        <source>rejected</source>
        <translation>rejected</translation>
    </message>
    <message>
        <location filename="../texts.py" line="45"/>
        <source>What differs</source>
        <translation>What differs</translation>
    </message>
    <message>
        <location filename="../texts.py" line="46"/>
        <source>Hand</source>
        <translation>Hand</translation>
    </message>
    <message>
        <location filename="../texts.py" line="47"/>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../texts.py" line="48"/>
        <source>Similarity</source>
        <translation>Similarity</translation>
    </message>
    <message>
        <location filename="../texts.py" line="49"/>
        <source>Matching hand of the other person</source>
        <translation>Matching hand of the other person</translation>
    </message>
    <message>
        <location filename="../texts.py" line="50"/>
        <source>Face vs card photo</source>
        <translation>Face vs card photo</translation>
    </message>
    <message>
        <location filename="../texts.py" line="51"/>
        <source>Witness relation</source>
        <translation>Witness relation</translation>
    </message>
    <message>
        <location filename="../texts.py" line="52"/>
        <source>Office</source>
        <translation>Office</translation>
    </message>
    <message>
        <location filename="../texts.py" line="53"/>
        <source>Approval</source>
        <translation>Approval</translation>
    </message>
    <message>
        <location filename="../texts.py" line="54"/>
        <source>Approved by</source>
        <translation>Approved by</translation>
    </message>
    <message>
        <location filename="../texts.py" line="77"/>
        <source>{what}: {value}</source>
        <translation>{what}: {value}</translation>
    </message>
    <message>
        <location filename="../texts.py" line="28"/>
        <source>Certification not passed</source>
        <translation>Certification not passed</translation>
    </message>
    <message>
        <location filename="../texts.py" line="55"/>
        <source>Attempts</source>
        <translation>Attempts</translation>
    </message>
    <message>
        <location filename="../texts.py" line="56"/>
        <source>Last result</source>
        <translation>Last result</translation>
    </message>
    <message>
        <location filename="../texts.py" line="57"/>
        <source>Tried</source>
        <translation>Tried</translation>
    </message>
    <message>
        <location filename="../texts.py" line="58"/>
        <source>Scores</source>
        <translation>Scores</translation>
    </message>
    <message>
        <location filename="../texts.py" line="59"/>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../texts.py" line="29"/>
        <source>Suspected presentation attack</source>
        <translation>Suspected presentation attack</translation>
    </message>
    <message>
        <location filename="../texts.py" line="30"/>
        <source>Liveness check not possible</source>
        <translation>Liveness check not possible</translation>
    </message>
</context>
<context>
    <name>CasesScreen</name>
    <message>
        <location filename="../screens/cases_screen.py" line="43"/>
        <source>Show decided cases too</source>
        <translation>Show decided cases too</translation>
    </message>
    <message>
        <location filename="../screens/cases_screen.py" line="46"/>
        <source>Reference</source>
        <translation>Reference</translation>
    </message>
    <message>
        <location filename="../screens/cases_screen.py" line="46"/>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../screens/cases_screen.py" line="46"/>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../screens/cases_screen.py" line="46"/>
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message>
        <location filename="../screens/cases_screen.py" line="55"/>
        <source>Why? (required)</source>
        <translation>Why? (required)</translation>
    </message>
    <message>
        <location filename="../screens/cases_screen.py" line="58"/>
        <source>Approve</source>
        <translation>Approve</translation>
    </message>
    <message>
        <location filename="../screens/cases_screen.py" line="59"/>
        <source>Reject</source>
        <translation>Reject</translation>
    </message>
    <message>
        <location filename="../screens/cases_screen.py" line="68"/>
        <source>Decision note</source>
        <translation>Decision note</translation>
    </message>
    <message>
        <location filename="../screens/cases_screen.py" line="85"/>
        <source>Cases</source>
        <translation>Cases</translation>
    </message>
    <message>
        <location filename="../screens/cases_screen.py" line="135"/>
        <source>Choose a case on the left.</source>
        <translation>Choose a case on the left.</translation>
    </message>
    <message>
        <location filename="../screens/cases_screen.py" line="144"/>
        <source>Person: {name} {number}</source>
        <translation>Person: {name} {number}</translation>
    </message>
    <message>
        <location filename="../screens/cases_screen.py" line="145"/>
        <source>Opened: {when}</source>
        <translation>Opened: {when}</translation>
    </message>
    <message>
        <location filename="../screens/cases_screen.py" line="149"/>
        <source>Decided {when}: {note}</source>
        <translation>Decided {when}: {note}</translation>
    </message>
    <message>
        <location filename="../screens/cases_screen.py" line="155"/>
        <source>You are a supervisor: your decision is recorded under your name.</source>
        <translation>You are a supervisor: your decision is recorded under your name.</translation>
    </message>
    <message>
        <location filename="../screens/cases_screen.py" line="155"/>
        <source>A supervisor must confirm the decision with their password.</source>
        <translation>A supervisor must confirm the decision with their password.</translation>
    </message>
    <message>
        <location filename="../screens/cases_screen.py" line="172"/>
        <source>Case {ref}: a supervisor must confirm that it is APPROVED.</source>
        <translation>Case {ref}: a supervisor must confirm that it is APPROVED.</translation>
    </message>
    <message>
        <location filename="../screens/cases_screen.py" line="172"/>
        <source>Case {ref}: a supervisor must confirm that it is REJECTED.</source>
        <translation>Case {ref}: a supervisor must confirm that it is REJECTED.</translation>
    </message>
    <message>
        <location filename="../screens/cases_screen.py" line="199"/>
        <source>Case {ref} approved: the enrolment it held can now be used for certification.</source>
        <translation>Case {ref} approved: the enrolment it held can now be used for certification.</translation>
    </message>
</context>
<context>
    <name>CertificationScreen</name>
    <message>
        <location filename="../screens/certification_screen.py" line="82"/>
        <source>1. ID card</source>
        <translation>1. ID card</translation>
    </message>
    <message>
        <location filename="../screens/certification_screen.py" line="86"/>
        <source>Hand</source>
        <translation>Hand</translation>
    </message>
    <message>
        <location filename="../screens/certification_screen.py" line="93"/>
        <source>2. Palm</source>
        <translation>2. Palm</translation>
    </message>
    <message>
        <location filename="../screens/certification_screen.py" line="95"/>
        <source>Face</source>
        <translation>Face</translation>
    </message>
    <message>
        <location filename="../screens/certification_screen.py" line="112"/>
        <source>Enrol this person</source>
        <translation>Enrol this person</translation>
    </message>
    <message>
        <location filename="../screens/certification_screen.py" line="114"/>
        <source>Next person</source>
        <translation>Next person</translation>
    </message>
    <message>
        <location filename="../screens/certification_screen.py" line="140"/>
        <source>Certification</source>
        <translation>Certification</translation>
    </message>
    <message>
        <location filename="../screens/certification_screen.py" line="159"/>
        <source>Read the card to begin.</source>
        <translation>Read the card to begin.</translation>
    </message>
    <message>
        <location filename="../screens/certification_screen.py" line="200"/>
        <source>Looking the person up…</source>
        <translation>Looking the person up…</translation>
    </message>
    <message>
        <location filename="../screens/certification_screen.py" line="225"/>
        <source>This person has no usable enrolment: enrol them first.</source>
        <translation>This person has no usable enrolment: enrol them first.</translation>
    </message>
    <message>
        <location filename="../screens/certification_screen.py" line="234"/>
        <source>Already certified this year on {date} at {place}.</source>
        <translation>Already certified this year on {date} at {place}.</translation>
    </message>
    <message>
        <location filename="../screens/certification_screen.py" line="287"/>
        <source>Attempt {n}: lay the {hand} on the scanner.</source>
        <translation>Attempt {n}: lay the {hand} on the scanner.</translation>
    </message>
    <message>
        <location filename="../screens/certification_screen.py" line="328"/>
        <source>Palm captured ✔</source>
        <translation>Palm captured ✔</translation>
    </message>
    <message>
        <location filename="../screens/certification_screen.py" line="331"/>
        <source>Face captured ✔</source>
        <translation>Face captured ✔</translation>
    </message>
    <message>
        <location filename="../screens/certification_screen.py" line="378"/>
        <source>Comparing with the enrolment…</source>
        <translation>Comparing with the enrolment…</translation>
    </message>
    <message>
        <location filename="../screens/certification_screen.py" line="411"/>
        <source>Decided {s:.1f} s after the card was read.</source>
        <translation>Decided {s:.1f} s after the card was read.</translation>
    </message>
    <message>
        <location filename="../screens/certification_screen.py" line="430"/>
        <source>Receipt {number}.</source>
        <translation>Receipt {number}.</translation>
    </message>
    <message>
        <location filename="../screens/certification_paperwork.py" line="106"/>
        <source>Receipt</source>
        <translation>Receipt</translation>
    </message>
    <message>
        <location filename="../screens/certification_screen.py" line="104"/>
        <source>Print the receipt…</source>
        <translation>Print the receipt…</translation>
    </message>
    <message>
        <location filename="../screens/certification_screen.py" line="285"/>
        <source>Attempt {n}: the person looks at the camera.</source>
        <translation>Attempt {n}: the person looks at the camera.</translation>
    </message>
    <message>
        <location filename="../screens/certification_paperwork.py" line="59"/>
        <source>Opening a case…</source>
        <translation>Opening a case…</translation>
    </message>
    <message>
        <location filename="../screens/certification_screen.py" line="106"/>
        <source>Reprint the receipt…</source>
        <translation>Reprint the receipt…</translation>
    </message>
    <message>
        <location filename="../screens/certification_screen.py" line="191"/>
        <source>Complete the form, then read the card again.</source>
        <translation>Complete the form, then read the card again.</translation>
    </message>
    <message>
        <location filename="../screens/certification_screen.py" line="110"/>
        <source>Print notice…</source>
        <translation>Print notice…</translation>
    </message>
    <message>
        <location filename="../screens/certification_screen.py" line="216"/>
        <source>The enrolment is held for review: a supervisor must first decide case {cases}.</source>
        <translation>The enrolment is held for review: a supervisor must first decide case {cases}.</translation>
    </message>
    <message>
        <location filename="../screens/certification_screen.py" line="220"/>
        <source>The enrolment was rejected on review (case {cases}): this person cannot be certified; call the supervisor.</source>
        <translation>The enrolment was rejected on review (case {cases}): this person cannot be certified; call the supervisor.</translation>
    </message>
</context>
<context>
    <name>Certify</name>
    <message>
        <location filename="../texts.py" line="144"/>
        <source>The palm matches the enrolment.</source>
        <translation>The palm matches the enrolment.</translation>
    </message>
    <message>
        <location filename="../texts.py" line="145"/>
        <source>Palm and face together match the enrolment.</source>
        <translation>Palm and face together match the enrolment.</translation>
    </message>
    <message>
        <location filename="../texts.py" line="146"/>
        <source>No usable palm or face was captured.</source>
        <translation>No usable palm or face was captured.</translation>
    </message>
    <message>
        <location filename="../texts.py" line="147"/>
        <source>Close, but not enough: capture the palm again.</source>
        <translation>Close, but not enough: capture the palm again.</translation>
    </message>
    <message>
        <location filename="../texts.py" line="148"/>
        <source>Still not enough on the last allowed attempt: a supervisor must look.</source>
        <translation>Still not enough on the last allowed attempt: a supervisor must look.</translation>
    </message>
    <message>
        <location filename="../texts.py" line="151"/>
        <source>Only the face matches: a supervisor must confirm.</source>
        <translation>Only the face matches: a supervisor must confirm.</translation>
    </message>
    <message>
        <location filename="../texts.py" line="154"/>
        <source>Neither palm nor face matches this person&apos;s enrolment.</source>
        <translation>Neither palm nor face matches this person's enrolment.</translation>
    </message>
    <message>
        <location filename="../texts.py" line="163"/>
        <source>face</source>
        <translation>face</translation>
    </message>
    <message>
        <location filename="../texts.py" line="173"/>
        <source>The palm does not match this person&apos;s enrolment.</source>
        <translation>The palm does not match this person's enrolment.</translation>
    </message>
    <message>
        <location filename="../texts.py" line="175"/>
        <source>The face does not match this person&apos;s enrolment.</source>
        <translation>The face does not match this person's enrolment.</translation>
    </message>
    <message>
        <location filename="../texts.py" line="177"/>
        <source>No usable palm was captured.</source>
        <translation>No usable palm was captured.</translation>
    </message>
    <message>
        <location filename="../widgets/followup_bar.py" line="33"/>
        <source>Try again</source>
        <translation>Try again</translation>
    </message>
    <message>
        <location filename="../widgets/followup_bar.py" line="35"/>
        <source>Try the face</source>
        <translation>Try the face</translation>
    </message>
    <message>
        <location filename="../widgets/followup_bar.py" line="115"/>
        <source>A supervisor must look at this: open a case, or try the other hand.</source>
        <translation>A supervisor must look at this: open a case, or try the other hand.</translation>
    </message>
    <message>
        <location filename="../widgets/followup_bar.py" line="127"/>
        <source>Lay the palm flat in the middle of the scanner and press Try again.</source>
        <translation>Lay the palm flat in the middle of the scanner and press Try again.</translation>
    </message>
    <message>
        <location filename="../widgets/followup_bar.py" line="111"/>
        <source>Case {reference} is open: a supervisor will decide.</source>
        <translation>Case {reference} is open: a supervisor will decide.</translation>
    </message>
    <message>
        <location filename="../widgets/followup_bar.py" line="121"/>
        <source>Is it this person&apos;s card? Try again, the other hand, or a supervisor.</source>
        <translation>Is it this person's card? Try again, the other hand, or a supervisor.</translation>
    </message>
    <message>
        <location filename="../widgets/followup_bar.py" line="36"/>
        <source>Supervisor case</source>
        <translation>Supervisor case</translation>
    </message>
    <message>
        <location filename="../widgets/followup_bar.py" line="105"/>
        <source>Other hand</source>
        <translation>Other hand</translation>
    </message>
    <message>
        <location filename="../texts.py" line="141"/>
        <source>The match passed, but the liveness check suspects a presentation attack (a photo, a screen or a print): a case is opened, a supervisor must look.</source>
        <translation>The match passed, but the liveness check suspects a presentation attack (a photo, a screen or a print): a case is opened, a supervisor must look.</translation>
    </message>
    <message>
        <location filename="../texts.py" line="142"/>
        <source>The match passed, but the liveness check the policy requires could not be done: a case is opened, a supervisor must look.</source>
        <translation>The match passed, but the liveness check the policy requires could not be done: a case is opened, a supervisor must look.</translation>
    </message>
</context>
<context>
    <name>Common</name>
    <message>
        <location filename="../widgets/common.py" line="60"/>
        <source>Yes, throw it away</source>
        <translation>Yes, throw it away</translation>
    </message>
    <message>
        <location filename="../widgets/common.py" line="61"/>
        <source>No, keep it</source>
        <translation>No, keep it</translation>
    </message>
    <message>
        <location filename="../widgets/common.py" line="147"/>
        <source>Simulation</source>
        <translation>Simulation</translation>
    </message>
</context>
<context>
    <name>Devices</name>
    <message>
        <location filename="../texts.py" line="133"/>
        <source>ID-card reader</source>
        <translation>ID-card reader</translation>
    </message>
    <message>
        <location filename="../texts.py" line="134"/>
        <source>Face camera</source>
        <translation>Face camera</translation>
    </message>
    <message>
        <location filename="../texts.py" line="135"/>
        <source>Palm-vein scanner</source>
        <translation>Palm-vein scanner</translation>
    </message>
    <message>
        <location filename="../screens/devices_panel.py" line="90"/>
        <source>Simulation (no hardware)</source>
        <translation>Simulation (no hardware)</translation>
    </message>
    <message>
        <location filename="../screens/devices_panel.py" line="107"/>
        <source>Test</source>
        <translation>Test</translation>
    </message>
    <message>
        <location filename="../screens/devices_panel.py" line="124"/>
        <source>Save device choice</source>
        <translation>Save device choice</translation>
    </message>
    <message>
        <location filename="../screens/devices_panel.py" line="180"/>
        <source>Saved. The new devices are used from the next capture.</source>
        <translation>Saved. The new devices are used from the next capture.</translation>
    </message>
    <message>
        <location filename="../screens/devices_panel.py" line="184"/>
        <source>Testing {device}…</source>
        <translation>Testing {device}…</translation>
    </message>
    <message>
        <location filename="../screens/devices_panel.py" line="196"/>
        <source>Card read ✔ ID {masked}</source>
        <translation>Card read ✔ ID {masked}</translation>
    </message>
    <message>
        <location filename="../screens/devices_panel.py" line="221"/>
        <source>{driver}: {resolution}, {fps} frames/s, best quality {best}</source>
        <translation>{driver}: {resolution}, {fps} frames/s, best quality {best}</translation>
    </message>
    <message>
        <location filename="../screens/devices_panel.py" line="45"/>
        <source>Webcam</source>
        <translation>Webcam</translation>
    </message>
    <message>
        <location filename="../screens/devices_panel.py" line="46"/>
        <source>Palm-vein scanner (USB)</source>
        <translation>Palm-vein scanner (USB)</translation>
    </message>
    <message>
        <location filename="../screens/devices_panel.py" line="47"/>
        <source>Recorded pictures (practice)</source>
        <translation>Recorded pictures (practice)</translation>
    </message>
    <message>
        <location filename="../screens/devices_panel.py" line="48"/>
        <source>Recorded palms (practice)</source>
        <translation>Recorded palms (practice)</translation>
    </message>
    <message>
        <location filename="../screens/devices_panel.py" line="49"/>
        <source>GPS / BeiDou receiver</source>
        <translation>GPS / BeiDou receiver</translation>
    </message>
    <message>
        <location filename="../screens/devices_panel.py" line="51"/>
        <source>Recorded ID cards (practice)</source>
        <translation>Recorded ID cards (practice)</translation>
    </message>
    <message>
        <location filename="../screens/devices_panel.py" line="126"/>
        <source>Advanced: port, camera number, folder</source>
        <translation>Advanced: port, camera number, folder</translation>
    </message>
    <message>
        <location filename="../screens/devices_panel.py" line="158"/>
        <source>open now</source>
        <translation>open now</translation>
    </message>
    <message>
        <location filename="../screens/devices_panel.py" line="158"/>
        <source>ready (opens when needed)</source>
        <translation>ready (opens when needed)</translation>
    </message>
    <message>
        <location filename="../screens/devices_panel.py" line="220"/>
        <source>test passed ✔</source>
        <translation>test passed ✔</translation>
    </message>
    <message>
        <location filename="../screens/devices_panel.py" line="95"/>
        <source>not usable here</source>
        <translation>not usable here</translation>
    </message>
</context>
<context>
    <name>Enrolment</name>
    <message>
        <location filename="../screens/enrollment_capture_steps.py" line="106"/>
        <source>Step 3: the face</source>
        <translation>Step 3: the face</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_capture_steps.py" line="200"/>
        <source>Step {n}: {hand}</source>
        <translation>Step {n}: {hand}</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_finish_steps.py" line="39"/>
        <source>Next: review and sign</source>
        <translation>Next: review and sign</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_finish_steps.py" line="44"/>
        <source>Step 6: is anyone else enrolled with these palms?</source>
        <translation>Step 6: is anyone else enrolled with these palms?</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_finish_steps.py" line="58"/>
        <source>Searching every enrolled palm on this laptop…</source>
        <translation>Searching every enrolled palm on this laptop…</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_finish_steps.py" line="108"/>
        <source>The retiree cannot sign</source>
        <translation>The retiree cannot sign</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_finish_steps.py" line="111"/>
        <source>Save the enrolment</source>
        <translation>Save the enrolment</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_finish_steps.py" line="120"/>
        <source>Retiree&apos;s signature</source>
        <translation>Retiree's signature</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_finish_steps.py" line="120"/>
        <source>Operator&apos;s signature</source>
        <translation>Operator's signature</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_finish_steps.py" line="126"/>
        <source>Clear</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_finish_steps.py" line="162"/>
        <source>Face: captured ✔</source>
        <translation>Face: captured ✔</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_finish_steps.py" line="164"/>
        <source>Face: skipped</source>
        <translation>Face: skipped</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_finish_steps.py" line="168"/>
        <source>{hand}: {n} samples ✔</source>
        <translation>{hand}: {n} samples ✔</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_finish_steps.py" line="172"/>
        <source>{hand}: not captured ({reason}) — a case will be opened</source>
        <translation>{hand}: not captured ({reason}) — a case will be opened</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_finish_steps.py" line="180"/>
        <source>Possible duplicate: the enrolment will be held for a supervisor.</source>
        <translation>Possible duplicate: the enrolment will be held for a supervisor.</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_finish_steps.py" line="184"/>
        <source>Note: signatures and receipt printing are not installed in this version.</source>
        <translation>Note: signatures and receipt printing are not installed in this version.</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_finish_steps.py" line="198"/>
        <source>Both signatures are needed (or tick: cannot sign).</source>
        <translation>Both signatures are needed (or tick: cannot sign).</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_finish_steps.py" line="216"/>
        <source>Saving…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_finish_steps.py" line="254"/>
        <source>Next person</source>
        <translation>Next person</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_finish_steps.py" line="257"/>
        <source>Step 8: saved — the receipt</source>
        <translation>Step 8: saved — the receipt</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_finish_steps.py" line="275"/>
        <source>Saved, and held for a supervisor (possible duplicate).</source>
        <translation>Saved, and held for a supervisor (possible duplicate).</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_finish_steps.py" line="277"/>
        <source>Enrolment complete ✔</source>
        <translation>Enrolment complete ✔</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_finish_steps.py" line="279"/>
        <source>Cases opened for review: {refs}</source>
        <translation>Cases opened for review: {refs}</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_identity_steps.py" line="35"/>
        <source>Step 1: the ID card</source>
        <translation>Step 1: the ID card</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_identity_steps.py" line="48"/>
        <source>Looking the person up in the roster…</source>
        <translation>Looking the person up in the roster…</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_identity_steps.py" line="76"/>
        <source>Continue to the face</source>
        <translation>Continue to the face</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_identity_steps.py" line="78"/>
        <source>Go to certification</source>
        <translation>Go to certification</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_identity_steps.py" line="87"/>
        <source>Step 2: card and roster side by side</source>
        <translation>Step 2: card and roster side by side</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_identity_steps.py" line="110"/>
        <source>On the card</source>
        <translation>On the card</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_identity_steps.py" line="110"/>
        <source>In the roster</source>
        <translation>In the roster</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_identity_steps.py" line="118"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_identity_steps.py" line="119"/>
        <source>ID number</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_identity_steps.py" line="120"/>
        <source>Birth date</source>
        <translation>Birth date</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_identity_steps.py" line="125"/>
        <source>Gender</source>
        <translation>Gender</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_identity_steps.py" line="130"/>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_identity_steps.py" line="131"/>
        <source>District</source>
        <translation>District</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_identity_steps.py" line="137"/>
        <source>You can continue: a case will be opened for headquarters to review.</source>
        <translation>You can continue: a case will be opened for headquarters to review.</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_identity_steps.py" line="141"/>
        <source>This person is already enrolled. Certify them instead.</source>
        <translation>This person is already enrolled. Certify them instead.</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_screen.py" line="28"/>
        <source>ID card</source>
        <translation>ID card</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_screen.py" line="29"/>
        <source>Roster</source>
        <translation>Roster</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_screen.py" line="30"/>
        <source>Face</source>
        <translation>Face</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_screen.py" line="31"/>
        <source>Left palm</source>
        <translation>Left palm</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_screen.py" line="32"/>
        <source>Right palm</source>
        <translation>Right palm</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_screen.py" line="33"/>
        <source>Duplicates</source>
        <translation>Duplicates</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_screen.py" line="34"/>
        <source>Sign</source>
        <translation>Sign</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_screen.py" line="35"/>
        <source>Receipt</source>
        <translation>Receipt</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_screen.py" line="70"/>
        <source>Back</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_screen.py" line="72"/>
        <source>Start over</source>
        <translation>Start over</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_screen.py" line="162"/>
        <source>Start over?</source>
        <translation>Start over?</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_screen.py" line="162"/>
        <source>Nothing has been saved for this person yet. Throw it away?</source>
        <translation>Nothing has been saved for this person yet. Throw it away?</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_finish_steps.py" line="86"/>
        <source>No one else enrolled on this laptop has these palms ✔</source>
        <translation>No one else enrolled on this laptop has these palms ✔</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_finish_steps.py" line="86"/>
        <source>Headquarters checks all districts after the next sync.</source>
        <translation>Headquarters checks all districts after the next sync.</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_finish_steps.py" line="138"/>
        <source>By signing I confirm these are my details.</source>
        <translation>By signing I confirm these are my details.</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_finish_steps.py" line="138"/>
        <source>My palm and face are kept encrypted, for certification only.</source>
        <translation>My palm and face are kept encrypted, for certification only.</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_finish_steps.py" line="79"/>
        <source>Warning: {n} palm(s) look like another enrolled person&apos;s.</source>
        <translation>Warning: {n} palm(s) look like another enrolled person's.</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_finish_steps.py" line="80"/>
        <source>It is saved but held until a supervisor decides. Tell the person no more.</source>
        <translation>It is saved but held until a supervisor decides. Tell the person no more.</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_finish_steps.py" line="271"/>
        <source>Saved, and held for a supervisor: the liveness check suspects a photo, a screen or a print.</source>
        <translation>Saved, and held for a supervisor: the liveness check suspects a photo, a screen or a print.</translation>
    </message>
    <message>
        <location filename="../screens/enrollment_finish_steps.py" line="273"/>
        <source>Saved, and held for a supervisor: the liveness check the policy requires could not be done.</source>
        <translation>Saved, and held for a supervisor: the liveness check the policy requires could not be done.</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../errors.py" line="39"/>
        <source>Wrong login or password.</source>
        <translation>Wrong login or password.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="39"/>
        <source>Check the login and type the password again.</source>
        <translation>Check the login and type the password again.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="43"/>
        <source>This account is locked after too many wrong passwords.</source>
        <translation>This account is locked after too many wrong passwords.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="43"/>
        <source>Wait 15 minutes, or ask a supervisor to log in.</source>
        <translation>Wait 15 minutes, or ask a supervisor to log in.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="87"/>
        <source>The passphrase does not open the store.</source>
        <translation>The passphrase does not open the store.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="87"/>
        <source>Type the store passphrase again (check the keyboard language).</source>
        <translation>Type the store passphrase again (check the keyboard language).</translation>
    </message>
    <message>
        <location filename="../errors.py" line="91"/>
        <source>There is no store on this laptop yet.</source>
        <translation>There is no store on this laptop yet.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="91"/>
        <source>Create one on the first-start screen.</source>
        <translation>Create one on the first-start screen.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="95"/>
        <source>Another program is using the store.</source>
        <translation>Another program is using the store.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="95"/>
        <source>Close the other fieldkit window and try again.</source>
        <translation>Close the other fieldkit window and try again.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="99"/>
        <source>The store file is damaged.</source>
        <translation>The store file is damaged.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="99"/>
        <source>Call your supervisor: the store must be restored from a backup.</source>
        <translation>Call your supervisor: the store must be restored from a backup.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="103"/>
        <source>The store was written by a newer fieldkit.</source>
        <translation>The store was written by a newer fieldkit.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="103"/>
        <source>Install the newer fieldkit version before continuing.</source>
        <translation>Install the newer fieldkit version before continuing.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="107"/>
        <source>The password is too short.</source>
        <translation>The password is too short.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="107"/>
        <source>Use at least 8 characters.</source>
        <translation>Use at least 8 characters.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="111"/>
        <source>A login must be one word without spaces.</source>
        <translation>A login must be one word without spaces.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="111"/>
        <source>Type a login such as wang01.</source>
        <translation>Type a login such as wang01.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="115"/>
        <source>The operator needs a name.</source>
        <translation>The operator needs a name.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="115"/>
        <source>Type the operator&apos;s full name.</source>
        <translation>Type the operator's full name.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="119"/>
        <source>That entry already exists.</source>
        <translation>That entry already exists.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="119"/>
        <source>Choose another login or number.</source>
        <translation>Choose another login or number.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="123"/>
        <source>No ID card was found on the reader.</source>
        <translation>No ID card was found on the reader.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="123"/>
        <source>Lay the card flat on the reader, or type the number by hand.</source>
        <translation>Lay the card flat on the reader, or type the number by hand.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="127"/>
        <source>A name is needed for manual entry.</source>
        <translation>A name is needed for manual entry.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="127"/>
        <source>Type the name as printed on the card.</source>
        <translation>Type the name as printed on the card.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="131"/>
        <source>No clear picture was captured in time.</source>
        <translation>No clear picture was captured in time.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="135"/>
        <source>The capture was stopped.</source>
        <translation>The capture was stopped.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="139"/>
        <source>The device stopped sending pictures (unplugged?).</source>
        <translation>The device stopped sending pictures (unplugged?).</translation>
    </message>
    <message>
        <location filename="../errors.py" line="143"/>
        <source>The device was not found.</source>
        <translation>The device was not found.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="143"/>
        <source>Check the cable, or choose another device under Devices &amp; settings.</source>
        <translation>Check the cable, or choose another device under Devices &amp; settings.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="147"/>
        <source>The device did not answer in time.</source>
        <translation>The device did not answer in time.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="151"/>
        <source>The device settings do not fit this driver.</source>
        <translation>The device settings do not fit this driver.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="151"/>
        <source>Fix them under Devices &amp; settings.</source>
        <translation>Fix them under Devices &amp; settings.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="155"/>
        <source>The samples of this hand do not match each other.</source>
        <translation>The samples of this hand do not match each other.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="155"/>
        <source>Check it is the same hand, then capture the three samples again.</source>
        <translation>Check it is the same hand, then capture the three samples again.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="167"/>
        <source>A palm picture is not clear enough.</source>
        <translation>A palm picture is not clear enough.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="167"/>
        <source>Ask the person to spread the fingers and hold still; capture again.</source>
        <translation>Ask the person to spread the fingers and hold still; capture again.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="171"/>
        <source>The face picture is not clear enough.</source>
        <translation>The face picture is not clear enough.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="171"/>
        <source>Ask the person to look at the camera; capture again or skip the face.</source>
        <translation>Ask the person to look at the camera; capture again or skip the face.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="175"/>
        <source>This person is already enrolled.</source>
        <translation>This person is already enrolled.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="175"/>
        <source>Use Certification instead.</source>
        <translation>Use Certification instead.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="179"/>
        <source>Neither palm could be captured.</source>
        <translation>Neither palm could be captured.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="179"/>
        <source>Enrolment needs at least one hand; record the reason and call a supervisor.</source>
        <translation>Enrolment needs at least one hand; record the reason and call a supervisor.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="185"/>
        <source>A hand has no samples.</source>
        <translation>A hand has no samples.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="185"/>
        <source>Capture it, or mark it as impossible with a reason.</source>
        <translation>Capture it, or mark it as impossible with a reason.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="189"/>
        <source>This hand is not enrolled for the person.</source>
        <translation>This hand is not enrolled for the person.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="189"/>
        <source>Use the other hand.</source>
        <translation>Use the other hand.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="193"/>
        <source>A home visit needs the witness&apos;s name and relation.</source>
        <translation>A home visit needs the witness's name and relation.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="193"/>
        <source>Fill in both witness fields.</source>
        <translation>Fill in both witness fields.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="197"/>
        <source>Only a supervisor can decide a case.</source>
        <translation>Only a supervisor can decide a case.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="197"/>
        <source>Ask a supervisor to log in for this decision.</source>
        <translation>Ask a supervisor to log in for this decision.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="201"/>
        <source>A decision needs a note saying why.</source>
        <translation>A decision needs a note saying why.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="201"/>
        <source>Write a short note and try again.</source>
        <translation>Write a short note and try again.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="205"/>
        <source>This case was already decided.</source>
        <translation>This case was already decided.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="205"/>
        <source>Refresh the list.</source>
        <translation>Refresh the list.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="209"/>
        <source>Headquarters could not be reached. Nothing was lost.</source>
        <translation>Headquarters could not be reached. Nothing was lost.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="209"/>
        <source>Check the network and try again later, or export a batch file for USB.</source>
        <translation>Check the network and try again later, or export a batch file for USB.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="213"/>
        <source>Headquarters refused the batch.</source>
        <translation>Headquarters refused the batch.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="213"/>
        <source>Has this laptop been registered at headquarters? Call your supervisor.</source>
        <translation>Has this laptop been registered at headquarters? Call your supervisor.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="235"/>
        <source>No headquarters address or key is set.</source>
        <translation>No headquarters address or key is set.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="235"/>
        <source>A supervisor sets them under Sync.</source>
        <translation>A supervisor sets them under Sync.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="239"/>
        <source>There is nothing to send.</source>
        <translation>There is nothing to send.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="239"/>
        <source>Everything has already reached headquarters.</source>
        <translation>Everything has already reached headquarters.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="243"/>
        <source>The headquarters key is not valid.</source>
        <translation>The headquarters key is not valid.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="247"/>
        <source>Ask headquarters for the hq_public.key file again.</source>
        <translation>Ask headquarters for the hq_public.key file again.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="247"/>
        <source>The headquarters key file is not valid.</source>
        <translation>The headquarters key file is not valid.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="251"/>
        <source>This is not a fieldkit receipt code.</source>
        <translation>This is not a fieldkit receipt code.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="251"/>
        <source>Scan the QR code on the receipt again.</source>
        <translation>Scan the QR code on the receipt again.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="255"/>
        <source>Receipt printing is not installed in this version.</source>
        <translation>Receipt printing is not installed in this version.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="255"/>
        <source>The receipt is saved and signed; print it later from Receipts.</source>
        <translation>The receipt is saved and signed; print it later from Receipts.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="259"/>
        <source>The receipt preview could not be drawn.</source>
        <translation>The receipt preview could not be drawn.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="259"/>
        <source>The receipt is saved; its details are shown as text.</source>
        <translation>The receipt is saved; its details are shown as text.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="263"/>
        <source>The roster file was not found.</source>
        <translation>The roster file was not found.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="263"/>
        <source>Choose the file again.</source>
        <translation>Choose the file again.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="267"/>
        <source>The device settings file cannot be read.</source>
        <translation>The device settings file cannot be read.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="267"/>
        <source>Call your supervisor to fix fieldkit.toml.</source>
        <translation>Call your supervisor to fix fieldkit.toml.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="303"/>
        <source>These policy values are not allowed.</source>
        <translation>These policy values are not allowed.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="303"/>
        <source>Use rates between 0 and 1 and at least one attempt.</source>
        <translation>Use rates between 0 and 1 and at least one attempt.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="307"/>
        <source>The calibration data cannot vouch for this error rate.</source>
        <translation>The calibration data cannot vouch for this error rate.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="307"/>
        <source>Choose a higher false-accept rate.</source>
        <translation>Choose a higher false-accept rate.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="316"/>
        <source>This ID number cannot be right.</source>
        <translation>This ID number cannot be right.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="316"/>
        <source>Check every digit against the card and type it again.</source>
        <translation>Check every digit against the card and type it again.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="320"/>
        <source>No single clear face was found.</source>
        <translation>No single clear face was found.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="320"/>
        <source>Ask the person to face the camera alone, or skip the face.</source>
        <translation>Ask the person to face the camera alone, or skip the face.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="324"/>
        <source>No palm was found in the picture.</source>
        <translation>No palm was found in the picture.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="324"/>
        <source>Ask the person to lay the whole hand on the scanner, fingers spread.</source>
        <translation>Ask the person to lay the whole hand on the scanner, fingers spread.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="340"/>
        <source>The backup could not be used.</source>
        <translation>The backup could not be used.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="340"/>
        <source>Call your supervisor.</source>
        <translation>Call your supervisor.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="344"/>
        <source>The roster file could not be read.</source>
        <translation>The roster file could not be read.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="344"/>
        <source>Check that it is the CSV file from headquarters.</source>
        <translation>Check that it is the CSV file from headquarters.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="377"/>
        <source>A file could not be read or written: {problem}</source>
        <translation>A file could not be read or written: {problem}</translation>
    </message>
    <message>
        <location filename="../errors.py" line="377"/>
        <source>Check the USB stick or folder and try again.</source>
        <translation>Check the USB stick or folder and try again.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="386"/>
        <source>Fix this and try again.</source>
        <translation>Fix this and try again.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="388"/>
        <source>Something went wrong inside fieldkit.</source>
        <translation>Something went wrong inside fieldkit.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="388"/>
        <source>Nothing was saved half-way. Try again; if it repeats, call your supervisor.</source>
        <translation>Nothing was saved half-way. Try again; if it repeats, call your supervisor.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="401"/>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location filename="../errors.py" line="275"/>
        <source>No printing system was found on this laptop.</source>
        <translation>No printing system was found on this laptop.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="275"/>
        <source>Use Save as PDF and print the file from another computer.</source>
        <translation>Use Save as PDF and print the file from another computer.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="279"/>
        <source>The printer did not take the receipt.</source>
        <translation>The printer did not take the receipt.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="279"/>
        <source>Check paper, power and cable, then press Print again.</source>
        <translation>Check paper, power and cable, then press Print again.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="283"/>
        <source>A signature could not be read.</source>
        <translation>A signature could not be read.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="283"/>
        <source>Clear the pad and sign again.</source>
        <translation>Clear the pad and sign again.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="287"/>
        <source>No receipt code was found in that file.</source>
        <translation>No receipt code was found in that file.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="287"/>
        <source>Scan or photograph the whole receipt, flat and in focus.</source>
        <translation>Scan or photograph the whole receipt, flat and in focus.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="291"/>
        <source>Nothing was found with that number.</source>
        <translation>Nothing was found with that number.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="291"/>
        <source>Check the number and try again.</source>
        <translation>Check the number and try again.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="295"/>
        <source>No case has that reference.</source>
        <translation>No case has that reference.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="295"/>
        <source>Check the reference and try again.</source>
        <translation>Check the reference and try again.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="299"/>
        <source>The headquarters key file cannot check work packages (it is too old).</source>
        <translation>The headquarters key file cannot check work packages (it is too old).</translation>
    </message>
    <message>
        <location filename="../errors.py" line="299"/>
        <source>Ask headquarters for a new hq_public.key.</source>
        <translation>Ask headquarters for a new hq_public.key.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="334"/>
        <source>This work package was refused (altered, for another team, or out of order).</source>
        <translation>This work package was refused (altered, for another team, or out of order).</translation>
    </message>
    <message>
        <location filename="../errors.py" line="334"/>
        <source>Ask headquarters for a fresh work package.</source>
        <translation>Ask headquarters for a fresh work package.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="159"/>
        <source>Palms enrolled by an older version cannot be compared.</source>
        <translation>Palms enrolled by an older version cannot be compared.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="159"/>
        <source>Enrol this person&apos;s palms again.</source>
        <translation>Enrol this person's palms again.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="163"/>
        <source>The palm was not in the same place in every sample.</source>
        <translation>The palm was not in the same place in every sample.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="163"/>
        <source>Ask the person to hold the hand open and flat as before; capture again.</source>
        <translation>Ask the person to hold the hand open and flat as before; capture again.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="217"/>
        <source>The headquarters certificate is not the expected one. Nothing was sent.</source>
        <translation>The headquarters certificate is not the expected one. Nothing was sent.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="217"/>
        <source>Do not continue on this network; call your supervisor.</source>
        <translation>Do not continue on this network; call your supervisor.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="221"/>
        <source>The headquarters address uses plain http:// on an open network.</source>
        <translation>The headquarters address uses plain http:// on an open network.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="225"/>
        <source>The headquarters key file is too old to check headquarters&apos; answers.</source>
        <translation>The headquarters key file is too old to check headquarters' answers.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="229"/>
        <source>This laptop is not registered for this region&apos;s work package.</source>
        <translation>This laptop is not registered for this region's work package.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="229"/>
        <source>Check the region under Sync, or ask headquarters to register this laptop for it.</source>
        <translation>Check the region under Sync, or ask headquarters to register this laptop for it.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="328"/>
        <source>Headquarters&apos; answer could not be verified, so nothing was changed.</source>
        <translation>Headquarters' answer could not be verified, so nothing was changed.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="63"/>
        <source>Only a supervisor can change operator accounts.</source>
        <translation>Only a supervisor can change operator accounts.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="63"/>
        <source>Ask the supervisor to confirm with their password.</source>
        <translation>Ask the supervisor to confirm with their password.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="67"/>
        <source>You cannot disable your own account.</source>
        <translation>You cannot disable your own account.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="67"/>
        <source>Another supervisor must do it.</source>
        <translation>Another supervisor must do it.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="71"/>
        <source>This is the last active supervisor of the team.</source>
        <translation>This is the last active supervisor of the team.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="71"/>
        <source>Add another supervisor first.</source>
        <translation>Add another supervisor first.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="75"/>
        <source>This login is already taken.</source>
        <translation>This login is already taken.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="75"/>
        <source>Choose another login.</source>
        <translation>Choose another login.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="79"/>
        <source>This person is already certified this year.</source>
        <translation>This person is already certified this year.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="79"/>
        <source>No case is needed.</source>
        <translation>No case is needed.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="83"/>
        <source>There is no failed attempt to report yet.</source>
        <translation>There is no failed attempt to report yet.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="83"/>
        <source>Certify the person first.</source>
        <translation>Certify the person first.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="47"/>
        <source>No GPS receiver is set up.</source>
        <translation>No GPS receiver is set up.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="47"/>
        <source>Type the address or the coordinates instead.</source>
        <translation>Type the address or the coordinates instead.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="51"/>
        <source>The place of the visit is missing.</source>
        <translation>The place of the visit is missing.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="51"/>
        <source>Read the GPS or type the address.</source>
        <translation>Read the GPS or type the address.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="55"/>
        <source>A delegated certification needs the office and the documents seen.</source>
        <translation>A delegated certification needs the office and the documents seen.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="55"/>
        <source>Type the office and tick the documents.</source>
        <translation>Type the office and tick the documents.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="59"/>
        <source>Without an ID card the approval reference and the official are needed.</source>
        <translation>Without an ID card the approval reference and the official are needed.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="59"/>
        <source>Type the approval reference and who approved it.</source>
        <translation>Type the approval reference and who approved it.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="131"/>
        <source>Ask the person to hold still, check the light, and capture again.</source>
        <translation>Ask the person to hold still, check the light, and capture again.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="135"/>
        <source>Capture again when ready.</source>
        <translation>Capture again when ready.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="139"/>
        <source>Plug it back in and capture again; nothing captured so far is lost.</source>
        <translation>Plug it back in and capture again; nothing captured so far is lost.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="147"/>
        <source>Unplug it, plug it back in and capture again.</source>
        <translation>Unplug it, plug it back in and capture again.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="221"/>
        <source>A supervisor sets an https:// address (or allows http on a closed LAN).</source>
        <translation>A supervisor sets an https:// address (or allows http on a closed LAN).</translation>
    </message>
    <message>
        <location filename="../errors.py" line="328"/>
        <source>The network may be tampered with: use another network or USB; tell a supervisor.</source>
        <translation>The network may be tampered with: use another network or USB; tell a supervisor.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="271"/>
        <source>The passphrase is too short or too easy to guess.</source>
        <translation>The passphrase is too short or too easy to guess.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="271"/>
        <source>Use several unrelated words, or mix letters, digits and signs.</source>
        <translation>Use several unrelated words, or mix letters, digits and signs.</translation>
    </message>
</context>
<context>
    <name>FirstStartScreen</name>
    <message>
        <location filename="../screens/first_start_screen.py" line="61"/>
        <source>hq_public.key from headquarters</source>
        <translation>hq_public.key from headquarters</translation>
    </message>
    <message>
        <location filename="../screens/first_start_screen.py" line="63"/>
        <source>Create the store</source>
        <translation>Create the store</translation>
    </message>
    <message>
        <location filename="../screens/first_start_screen.py" line="65"/>
        <source>Choose…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <location filename="../screens/first_start_screen.py" line="69"/>
        <source>1. The store passphrase</source>
        <translation>1. The store passphrase</translation>
    </message>
    <message>
        <location filename="../screens/first_start_screen.py" line="70"/>
        <source>Everything on this laptop is encrypted with it. Use several words; without it nobody, not even headquarters, can open the data.</source>
        <translation>Everything on this laptop is encrypted with it. Use several words; without it nobody, not even headquarters, can open the data.</translation>
    </message>
    <message>
        <location filename="../screens/first_start_screen.py" line="80"/>
        <source>Passphrase</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <location filename="../screens/first_start_screen.py" line="91"/>
        <source>Again</source>
        <translation>Again</translation>
    </message>
    <message>
        <location filename="../screens/first_start_screen.py" line="82"/>
        <source>Strength</source>
        <translation>Strength</translation>
    </message>
    <message>
        <location filename="../screens/first_start_screen.py" line="86"/>
        <source>2. The first account (supervisor)</source>
        <translation>2. The first account (supervisor)</translation>
    </message>
    <message>
        <location filename="../screens/first_start_screen.py" line="88"/>
        <source>Login</source>
        <translation>Login</translation>
    </message>
    <message>
        <location filename="../screens/first_start_screen.py" line="89"/>
        <source>Full name</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../screens/first_start_screen.py" line="90"/>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../screens/first_start_screen.py" line="95"/>
        <source>3. Team and headquarters</source>
        <translation>3. Team and headquarters</translation>
    </message>
    <message>
        <location filename="../screens/first_start_screen.py" line="97"/>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <location filename="../screens/first_start_screen.py" line="98"/>
        <source>Place</source>
        <translation>Place</translation>
    </message>
    <message>
        <location filename="../screens/first_start_screen.py" line="99"/>
        <source>Region code</source>
        <translation>Region code</translation>
    </message>
    <message>
        <location filename="../screens/first_start_screen.py" line="100"/>
        <source>HQ address (optional)</source>
        <translation>HQ address (optional)</translation>
    </message>
    <message>
        <location filename="../screens/first_start_screen.py" line="104"/>
        <source>HQ key file (optional)</source>
        <translation>HQ key file (optional)</translation>
    </message>
    <message>
        <location filename="../screens/first_start_screen.py" line="116"/>
        <source>Welcome to fieldkit: set up this laptop</source>
        <translation>Welcome to fieldkit: set up this laptop</translation>
    </message>
    <message>
        <location filename="../screens/first_start_screen.py" line="132"/>
        <source>Headquarters key file</source>
        <translation>Headquarters key file</translation>
    </message>
    <message>
        <location filename="../screens/first_start_screen.py" line="139"/>
        <source>The passphrase needs at least {n} characters.</source>
        <translation>The passphrase needs at least {n} characters.</translation>
    </message>
    <message>
        <location filename="../screens/first_start_screen.py" line="141"/>
        <source>The two passphrases differ; type them again.</source>
        <translation>The two passphrases differ; type them again.</translation>
    </message>
    <message>
        <location filename="../screens/first_start_screen.py" line="143"/>
        <source>The first account needs a login and a full name.</source>
        <translation>The first account needs a login and a full name.</translation>
    </message>
    <message>
        <location filename="../screens/first_start_screen.py" line="145"/>
        <source>The two passwords differ; type them again.</source>
        <translation>The two passwords differ; type them again.</translation>
    </message>
    <message>
        <location filename="../screens/first_start_screen.py" line="165"/>
        <source>Creating the encrypted store…</source>
        <translation>Creating the encrypted store…</translation>
    </message>
</context>
<context>
    <name>History</name>
    <message>
        <location filename="../screens/person_history_dialog.py" line="25"/>
        <source>Enrolment</source>
        <translation>Enrolment</translation>
    </message>
    <message>
        <location filename="../screens/person_history_dialog.py" line="27"/>
        <source>Certification</source>
        <translation>Certification</translation>
    </message>
    <message>
        <location filename="../screens/person_history_dialog.py" line="29"/>
        <source>Case {ref}</source>
        <translation>Case {ref}</translation>
    </message>
    <message>
        <location filename="../screens/person_history_dialog.py" line="30"/>
        <source>Receipt {number}</source>
        <translation>Receipt {number}</translation>
    </message>
    <message>
        <location filename="../screens/person_history_dialog.py" line="37"/>
        <source>History</source>
        <translation>History</translation>
    </message>
    <message>
        <location filename="../screens/person_history_dialog.py" line="41"/>
        <source>When</source>
        <translation>When</translation>
    </message>
    <message>
        <location filename="../screens/person_history_dialog.py" line="41"/>
        <source>What</source>
        <translation>What</translation>
    </message>
    <message>
        <location filename="../screens/person_history_dialog.py" line="41"/>
        <source>Result</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../screens/person_history_dialog.py" line="47"/>
        <source>Close</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>Liveness</name>
    <message>
        <location filename="../widgets/liveness_panel.py" line="33"/>
        <source>Please look straight at the camera</source>
        <translation>Please look straight at the camera</translation>
    </message>
    <message>
        <location filename="../widgets/liveness_panel.py" line="34"/>
        <source>Please turn your head slowly to your left</source>
        <translation>Please turn your head slowly to your left</translation>
    </message>
    <message>
        <location filename="../widgets/liveness_panel.py" line="35"/>
        <source>Please turn your head slowly to your right</source>
        <translation>Please turn your head slowly to your right</translation>
    </message>
    <message>
        <location filename="../widgets/liveness_panel.py" line="36"/>
        <source>Please lower your head slowly (nod)</source>
        <translation>Please lower your head slowly (nod)</translation>
    </message>
    <message>
        <location filename="../widgets/liveness_panel.py" line="37"/>
        <source>Please raise your head slowly (look up)</source>
        <translation>Please raise your head slowly (look up)</translation>
    </message>
    <message>
        <location filename="../widgets/liveness_panel.py" line="38"/>
        <source>Please face the camera again</source>
        <translation>Please face the camera again</translation>
    </message>
    <message>
        <location filename="../widgets/liveness_panel.py" line="39"/>
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../widgets/liveness_panel.py" line="46"/>
        <source>Face liveness: suspected presentation attack (a photo or a screen). This certification cannot be accepted: a case is opened for the supervisor.</source>
        <translation>Face liveness: suspected presentation attack (a photo or a screen). This certification cannot be accepted: a case is opened for the supervisor.</translation>
    </message>
    <message>
        <location filename="../widgets/liveness_panel.py" line="47"/>
        <source>Face liveness: the prompt was not followed in time. Repeat the check, or continue and a case is opened (liveness not possible).</source>
        <translation>Face liveness: the prompt was not followed in time. Repeat the check, or continue and a case is opened (liveness not possible).</translation>
    </message>
    <message>
        <location filename="../widgets/liveness_panel.py" line="48"/>
        <source>Face liveness: not possible. This certification cannot be accepted: a case is opened for the supervisor.</source>
        <translation>Face liveness: not possible. This certification cannot be accepted: a case is opened for the supervisor.</translation>
    </message>
    <message>
        <location filename="../widgets/liveness_panel.py" line="50"/>
        <source>Face liveness: passed ✔</source>
        <translation>Face liveness: passed ✔</translation>
    </message>
    <message>
        <location filename="../widgets/liveness_panel.py" line="61"/>
        <source>Palm liveness: passed ✔</source>
        <translation>Palm liveness: passed ✔</translation>
    </message>
    <message>
        <location filename="../widgets/liveness_panel.py" line="62"/>
        <source>Palm liveness: suspected presentation attack</source>
        <translation>Palm liveness: suspected presentation attack</translation>
    </message>
    <message>
        <location filename="../widgets/liveness_panel.py" line="63"/>
        <source>Palm liveness: not supported by this device (recorded)</source>
        <translation>Palm liveness: not supported by this device (recorded)</translation>
    </message>
    <message>
        <location filename="../widgets/liveness_panel.py" line="77"/>
        <source>Face liveness check</source>
        <translation>Face liveness check</translation>
    </message>
    <message>
        <location filename="../widgets/liveness_panel.py" line="27"/>
        <source>Read the prompt out to the person; there is plenty of time.</source>
        <translation>Read the prompt out to the person; there is plenty of time.</translation>
    </message>
    <message>
        <location filename="../widgets/liveness_panel.py" line="87"/>
        <source>This gesture is not possible (neck stiffness)</source>
        <translation>This gesture is not possible (neck stiffness)</translation>
    </message>
    <message>
        <location filename="../widgets/liveness_panel.py" line="91"/>
        <source>Repeat the check</source>
        <translation>Repeat the check</translation>
    </message>
    <message>
        <location filename="../widgets/liveness_panel.py" line="95"/>
        <source>Continue (a case is opened)</source>
        <translation>Continue (a case is opened)</translation>
    </message>
    <message>
        <location filename="../widgets/liveness_panel.py" line="145"/>
        <source>Gesture {n} of {total}</source>
        <translation>Gesture {n} of {total}</translation>
    </message>
    <message>
        <location filename="../widgets/liveness_panel.py" line="181"/>
        <source>The face liveness check was interrupted; nothing was kept. Repeat it.</source>
        <translation>The face liveness check was interrupted; nothing was kept. Repeat it.</translation>
    </message>
</context>
<context>
    <name>Mismatch</name>
    <message>
        <location filename="../texts.py" line="96"/>
        <source>This ID number is not in the roster.</source>
        <translation>This ID number is not in the roster.</translation>
    </message>
    <message>
        <location filename="../texts.py" line="97"/>
        <source>The person is not in this year&apos;s roster.</source>
        <translation>The person is not in this year's roster.</translation>
    </message>
    <message>
        <location filename="../texts.py" line="98"/>
        <source>The name on the card differs from the roster.</source>
        <translation>The name on the card differs from the roster.</translation>
    </message>
    <message>
        <location filename="../texts.py" line="99"/>
        <source>The birth date differs from the roster.</source>
        <translation>The birth date differs from the roster.</translation>
    </message>
    <message>
        <location filename="../texts.py" line="104"/>
        <source>male</source>
        <translation>male</translation>
    </message>
    <message>
        <location filename="../texts.py" line="104"/>
        <source>female</source>
        <translation>female</translation>
    </message>
</context>
<context>
    <name>Operators</name>
    <message>
        <location filename="../screens/operators_panel.py" line="36"/>
        <source>supervisor</source>
        <translation>supervisor</translation>
    </message>
    <message>
        <location filename="../screens/operators_panel.py" line="36"/>
        <source>operator</source>
        <translation>operator</translation>
    </message>
    <message>
        <location filename="../screens/operators_panel.py" line="43"/>
        <source>disabled</source>
        <translation>disabled</translation>
    </message>
    <message>
        <location filename="../screens/operators_panel.py" line="45"/>
        <source>locked until {when}</source>
        <translation>locked until {when}</translation>
    </message>
    <message>
        <location filename="../screens/operators_panel.py" line="46"/>
        <source>active</source>
        <translation>active</translation>
    </message>
</context>
<context>
    <name>OperatorsPanel</name>
    <message>
        <location filename="../screens/operators_panel.py" line="89"/>
        <source>Login</source>
        <translation>Login</translation>
    </message>
    <message>
        <location filename="../screens/operators_panel.py" line="90"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../screens/operators_panel.py" line="91"/>
        <source>Role</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../screens/operators_panel.py" line="54"/>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../screens/operators_panel.py" line="138"/>
        <source>Disable</source>
        <translation>Disable</translation>
    </message>
    <message>
        <location filename="../screens/operators_panel.py" line="60"/>
        <source>Unlock</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <location filename="../screens/operators_panel.py" line="65"/>
        <source>New password (8 characters or more)</source>
        <translation>New password (8 characters or more)</translation>
    </message>
    <message>
        <location filename="../screens/operators_panel.py" line="66"/>
        <source>Set this password</source>
        <translation>Set this password</translation>
    </message>
    <message>
        <location filename="../screens/operators_panel.py" line="77"/>
        <source>Add the account</source>
        <translation>Add the account</translation>
    </message>
    <message>
        <location filename="../screens/operators_panel.py" line="87"/>
        <source>New account</source>
        <translation>New account</translation>
    </message>
    <message>
        <location filename="../screens/operators_panel.py" line="92"/>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../screens/operators_panel.py" line="96"/>
        <source>Only a supervisor can change accounts; a clerk is asked for a supervisor&apos;s password.</source>
        <translation>Only a supervisor can change accounts; a clerk is asked for a supervisor's password.</translation>
    </message>
    <message>
        <location filename="../screens/operators_panel.py" line="138"/>
        <source>Enable</source>
        <translation>Enable</translation>
    </message>
    <message>
        <location filename="../screens/operators_panel.py" line="152"/>
        <source>Saving…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../screens/operators_panel.py" line="175"/>
        <source>Adding an account needs a supervisor.</source>
        <translation>Adding an account needs a supervisor.</translation>
    </message>
    <message>
        <location filename="../screens/operators_panel.py" line="175"/>
        <source>Account {login} added ✔</source>
        <translation>Account {login} added ✔</translation>
    </message>
    <message>
        <location filename="../screens/operators_panel.py" line="193"/>
        <source>Account {login} enabled ✔</source>
        <translation>Account {login} enabled ✔</translation>
    </message>
    <message>
        <location filename="../screens/operators_panel.py" line="193"/>
        <source>Account {login} disabled ✔</source>
        <translation>Account {login} disabled ✔</translation>
    </message>
    <message>
        <location filename="../screens/operators_panel.py" line="196"/>
        <source>Enabling {login} needs a supervisor.</source>
        <translation>Enabling {login} needs a supervisor.</translation>
    </message>
    <message>
        <location filename="../screens/operators_panel.py" line="196"/>
        <source>Disabling {login} needs a supervisor.</source>
        <translation>Disabling {login} needs a supervisor.</translation>
    </message>
    <message>
        <location filename="../screens/operators_panel.py" line="209"/>
        <source>Unlocking {login} needs a supervisor.</source>
        <translation>Unlocking {login} needs a supervisor.</translation>
    </message>
    <message>
        <location filename="../screens/operators_panel.py" line="209"/>
        <source>Account {login} unlocked ✔</source>
        <translation>Account {login} unlocked ✔</translation>
    </message>
    <message>
        <location filename="../screens/operators_panel.py" line="223"/>
        <source>A new password for {login} needs a supervisor.</source>
        <translation>A new password for {login} needs a supervisor.</translation>
    </message>
    <message>
        <location filename="../screens/operators_panel.py" line="223"/>
        <source>New password set for {login}; the account is unlocked ✔</source>
        <translation>New password set for {login}; the account is unlocked ✔</translation>
    </message>
</context>
<context>
    <name>Policy</name>
    <message>
        <location filename="../screens/settings_screen.py" line="47"/>
        <source>1 in 100</source>
        <translation>1 in 100</translation>
    </message>
    <message>
        <location filename="../screens/settings_screen.py" line="48"/>
        <source>1 in 1,000</source>
        <translation>1 in 1,000</translation>
    </message>
    <message>
        <location filename="../screens/settings_screen.py" line="49"/>
        <source>1 in 10,000</source>
        <translation>1 in 10,000</translation>
    </message>
    <message>
        <location filename="../screens/settings_screen.py" line="50"/>
        <source>1 in 100,000</source>
        <translation>1 in 100,000</translation>
    </message>
    <message>
        <location filename="../screens/settings_screen.py" line="51"/>
        <source>1 in 1,000,000</source>
        <translation>1 in 1,000,000</translation>
    </message>
</context>
<context>
    <name>Preview</name>
    <message>
        <location filename="../widgets/preview_widget.py" line="23"/>
        <source>Waiting for the device…</source>
        <translation>Waiting for the device…</translation>
    </message>
    <message>
        <location filename="../widgets/preview_widget.py" line="27"/>
        <source>More than one face: only the retiree should face the camera.</source>
        <translation>More than one face: only the retiree should face the camera.</translation>
    </message>
    <message>
        <location filename="../widgets/preview_widget.py" line="28"/>
        <source>No face yet: ask the person to look at the camera.</source>
        <translation>No face yet: ask the person to look at the camera.</translation>
    </message>
    <message>
        <location filename="../widgets/preview_widget.py" line="29"/>
        <source>No palm yet: lay the whole hand flat, fingers spread.</source>
        <translation>No palm yet: lay the whole hand flat, fingers spread.</translation>
    </message>
    <message>
        <location filename="../widgets/preview_widget.py" line="31"/>
        <source>Good — hold still.</source>
        <translation>Good — hold still.</translation>
    </message>
    <message>
        <location filename="../widgets/preview_widget.py" line="32"/>
        <source>Nearly: hold still and keep the hand flat.</source>
        <translation>Nearly: hold still and keep the hand flat.</translation>
    </message>
    <message>
        <location filename="../widgets/preview_widget.py" line="66"/>
        <source>No picture</source>
        <translation>No picture</translation>
    </message>
    <message>
        <location filename="../widgets/preview_widget.py" line="92"/>
        <source>Quality %p</source>
        <translation>Quality %p</translation>
    </message>
</context>
<context>
    <name>Receipt</name>
    <message>
        <location filename="../texts.py" line="183"/>
        <source>enrolment</source>
        <translation>enrolment</translation>
    </message>
    <message>
        <location filename="../texts.py" line="184"/>
        <source>certification</source>
        <translation>certification</translation>
    </message>
    <message>
        <location filename="../texts.py" line="185"/>
        <source>home-visit certification</source>
        <translation>home-visit certification</translation>
    </message>
    <message>
        <location filename="../texts.py" line="186"/>
        <source>delegated certification</source>
        <translation>delegated certification</translation>
    </message>
    <message>
        <location filename="../texts.py" line="192"/>
        <source>complete</source>
        <translation>complete</translation>
    </message>
    <message>
        <location filename="../texts.py" line="193"/>
        <source>held for review</source>
        <translation>held for review</translation>
    </message>
    <message>
        <location filename="../texts.py" line="194"/>
        <source>accepted</source>
        <translation>accepted</translation>
    </message>
    <message>
        <location filename="../widgets/receipt_panel.py" line="79"/>
        <source>Save as PDF…</source>
        <translation>Save as PDF…</translation>
    </message>
    <message>
        <location filename="../widgets/receipt_panel.py" line="116"/>
        <source>Preparing the receipt…</source>
        <translation>Preparing the receipt…</translation>
    </message>
    <message>
        <location filename="../widgets/receipt_panel.py" line="135"/>
        <source>signature valid ✔</source>
        <translation>signature valid ✔</translation>
    </message>
    <message>
        <location filename="../widgets/receipt_panel.py" line="135"/>
        <source>SIGNATURE INVALID</source>
        <translation>SIGNATURE INVALID</translation>
    </message>
    <message>
        <location filename="../widgets/receipt_panel.py" line="140"/>
        <source>Receipt {number} — {kind}, {result}
{name} · issued {issued} · {check}</source>
        <translation>Receipt {number} — {kind}, {result}
{name} · issued {issued} · {check}</translation>
    </message>
    <message>
        <location filename="../widgets/receipt_panel.py" line="165"/>
        <source>Receipt number: {v}</source>
        <translation>Receipt number: {v}</translation>
    </message>
    <message>
        <location filename="../widgets/receipt_panel.py" line="165"/>
        <source>Kind: {v}</source>
        <translation>Kind: {v}</translation>
    </message>
    <message>
        <location filename="../widgets/receipt_panel.py" line="165"/>
        <source>Result: {v}</source>
        <translation>Result: {v}</translation>
    </message>
    <message>
        <location filename="../widgets/receipt_panel.py" line="165"/>
        <source>Name: {v}</source>
        <translation>Name: {v}</translation>
    </message>
    <message>
        <location filename="../widgets/receipt_panel.py" line="165"/>
        <source>Issued: {v}</source>
        <translation>Issued: {v}</translation>
    </message>
    <message>
        <location filename="../widgets/receipt_panel.py" line="165"/>
        <source>Device key: {v}</source>
        <translation>Device key: {v}</translation>
    </message>
    <message>
        <location filename="../widgets/receipt_panel.py" line="165"/>
        <source>Copies printed: {v}</source>
        <translation>Copies printed: {v}</translation>
    </message>
    <message>
        <location filename="../widgets/receipt_panel.py" line="261"/>
        <source>Save the receipt</source>
        <translation>Save the receipt</translation>
    </message>
    <message>
        <location filename="../widgets/receipt_panel.py" line="287"/>
        <source>Copy {n} printed ({where}).</source>
        <translation>Copy {n} printed ({where}).</translation>
    </message>
    <message>
        <location filename="../widgets/receipt_panel.py" line="293"/>
        <source>Original printed ({where}).</source>
        <translation>Original printed ({where}).</translation>
    </message>
    <message>
        <location filename="../widgets/receipt_panel.py" line="75"/>
        <source>Print…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <location filename="../widgets/receipt_panel.py" line="77"/>
        <source>Print preview…</source>
        <translation>Print preview…</translation>
    </message>
    <message>
        <location filename="../widgets/receipt_panel.py" line="211"/>
        <source>Preparing the pages…</source>
        <translation>Preparing the pages…</translation>
    </message>
    <message>
        <location filename="../widgets/receipt_panel.py" line="237"/>
        <source>The printer could not be started.</source>
        <translation>The printer could not be started.</translation>
    </message>
    <message>
        <location filename="../widgets/receipt_panel.py" line="274"/>
        <source>Saving…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../widgets/receipt_panel.py" line="287"/>
        <source>Copy {n} printed.</source>
        <translation>Copy {n} printed.</translation>
    </message>
    <message>
        <location filename="../widgets/receipt_panel.py" line="293"/>
        <source>Original printed.</source>
        <translation>Original printed.</translation>
    </message>
    <message>
        <location filename="../widgets/receipt_print.py" line="23"/>
        <source>A4 sheet</source>
        <translation>A4 sheet</translation>
    </message>
    <message>
        <location filename="../widgets/receipt_print.py" line="24"/>
        <source>80 mm receipt roll</source>
        <translation>80 mm receipt roll</translation>
    </message>
    <message>
        <location filename="../widgets/receipt_print.py" line="73"/>
        <source>Receipt {number} — print preview</source>
        <translation>Receipt {number} — print preview</translation>
    </message>
</context>
<context>
    <name>ReceiptsScreen</name>
    <message>
        <location filename="../screens/receipts_screen.py" line="47"/>
        <source>Find</source>
        <translation>Find</translation>
    </message>
    <message>
        <location filename="../screens/receipts_screen.py" line="49"/>
        <source>Number</source>
        <translation>Number</translation>
    </message>
    <message>
        <location filename="../screens/receipts_screen.py" line="49"/>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../screens/receipts_screen.py" line="49"/>
        <source>Result</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../screens/receipts_screen.py" line="49"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../screens/receipts_screen.py" line="49"/>
        <source>Issued</source>
        <translation>Issued</translation>
    </message>
    <message>
        <location filename="../screens/receipts_screen.py" line="59"/>
        <source>Scan or paste the receipt's QR code (FK1:…)</source>
        <translation>Scan or paste the receipt's QR code (FK1:…)</translation>
    </message>
    <message>
        <location filename="../screens/receipts_screen.py" line="61"/>
        <source>Check</source>
        <translation>Check</translation>
    </message>
    <message>
        <location filename="../screens/receipts_screen.py" line="63"/>
        <source>Check a scan or PDF…</source>
        <translation>Check a scan or PDF…</translation>
    </message>
    <message>
        <location filename="../screens/receipts_screen.py" line="77"/>
        <source>Latest receipts from this laptop</source>
        <translation>Latest receipts from this laptop</translation>
    </message>
    <message>
        <location filename="../screens/receipts_screen.py" line="80"/>
        <source>Check a receipt</source>
        <translation>Check a receipt</translation>
    </message>
    <message>
        <location filename="../screens/receipts_screen.py" line="103"/>
        <source>Receipts</source>
        <translation>Receipts</translation>
    </message>
    <message>
        <location filename="../screens/receipts_screen.py" line="168"/>
        <source>A scan, photo or PDF of the receipt</source>
        <translation>A scan, photo or PDF of the receipt</translation>
    </message>
    <message>
        <location filename="../screens/receipts_screen.py" line="186"/>
        <source>Genuine ✔ receipt {number}, {kind}, issued {when}</source>
        <translation>Genuine ✔ receipt {number}, {kind}, issued {when}</translation>
    </message>
    <message>
        <location filename="../screens/receipts_screen.py" line="195"/>
        <source>Made by another laptop (key {key}); headquarters can check it.</source>
        <translation>Made by another laptop (key {key}); headquarters can check it.</translation>
    </message>
    <message>
        <location filename="../screens/receipts_screen.py" line="202"/>
        <source>ALTERED: this receipt does not match its signature.</source>
        <translation>ALTERED: this receipt does not match its signature.</translation>
    </message>
    <message>
        <location filename="../screens/receipts_screen.py" line="66"/>
        <source>Today's summary…</source>
        <translation>Today's summary…</translation>
    </message>
    <message>
        <location filename="../screens/receipts_screen.py" line="68"/>
        <source>Case list…</source>
        <translation>Case list…</translation>
    </message>
    <message>
        <location filename="../screens/receipts_screen.py" line="89"/>
        <source>Reports (names and ID numbers masked)</source>
        <translation>Reports (names and ID numbers masked)</translation>
    </message>
    <message>
        <location filename="../screens/receipts_screen.py" line="210"/>
        <source>Folder for today&apos;s summary</source>
        <translation>Folder for today's summary</translation>
    </message>
    <message>
        <location filename="../screens/receipts_screen.py" line="233"/>
        <source>Writing the report…</source>
        <translation>Writing the report…</translation>
    </message>
    <message>
        <location filename="../screens/receipts_screen.py" line="234"/>
        <source>Written: {files}</source>
        <translation>Written: {files}</translation>
    </message>
    <message>
        <location filename="../screens/receipts_screen.py" line="227"/>
        <source>Save the case list</source>
        <translation>Save the case list</translation>
    </message>
    <message>
        <location filename="../screens/receipts_screen.py" line="45"/>
        <source>Receipt number, or the person: name, pinyin, last 4 digits</source>
        <translation>Receipt number, or the person: name, pinyin, last 4 digits</translation>
    </message>
    <message>
        <location filename="../screens/receipts_screen.py" line="147"/>
        <source>No receipt found for this person.</source>
        <translation>No receipt found for this person.</translation>
    </message>
</context>
<context>
    <name>Result</name>
    <message>
        <location filename="../texts.py" line="201"/>
        <source>✔ Accepted</source>
        <translation>✔ Accepted</translation>
    </message>
    <message>
        <location filename="../texts.py" line="202"/>
        <source>↻ Try again</source>
        <translation>↻ Try again</translation>
    </message>
    <message>
        <location filename="../texts.py" line="203"/>
        <source>? Needs review</source>
        <translation>? Needs review</translation>
    </message>
    <message>
        <location filename="../texts.py" line="204"/>
        <source>✖ Not matched</source>
        <translation>✖ Not matched</translation>
    </message>
    <message>
        <location filename="../texts.py" line="205"/>
        <source>✔ Already certified</source>
        <translation>✔ Already certified</translation>
    </message>
    <message>
        <location filename="../texts.py" line="206"/>
        <source>! Not enrolled</source>
        <translation>! Not enrolled</translation>
    </message>
    <message>
        <location filename="../texts.py" line="207"/>
        <source>! Enrolment on hold</source>
        <translation>! Enrolment on hold</translation>
    </message>
</context>
<context>
    <name>SettingsScreen</name>
    <message>
        <location filename="../screens/settings_screen.py" line="87"/>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <location filename="../screens/settings_screen.py" line="88"/>
        <source>Apply</source>
        <translation>Apply</translation>
    </message>
    <message>
        <location filename="../screens/settings_screen.py" line="92"/>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../screens/settings_screen.py" line="93"/>
        <source>Font size</source>
        <translation>Font size</translation>
    </message>
    <message>
        <location filename="../screens/settings_screen.py" line="94"/>
        <source>Lock the screen after</source>
        <translation>Lock the screen after</translation>
    </message>
    <message>
        <location filename="../screens/settings_screen.py" line="137"/>
        <source>Save policy</source>
        <translation>Save policy</translation>
    </message>
    <message>
        <location filename="../screens/settings_screen.py" line="156"/>
        <source>Retry margin</source>
        <translation>Retry margin</translation>
    </message>
    <message>
        <location filename="../screens/settings_screen.py" line="157"/>
        <source>Attempts before review</source>
        <translation>Attempts before review</translation>
    </message>
    <message>
        <location filename="../screens/settings_screen.py" line="158"/>
        <source>Samples per hand at enrolment</source>
        <translation>Samples per hand at enrolment</translation>
    </message>
    <message>
        <location filename="../screens/settings_screen.py" line="174"/>
        <source>Devices</source>
        <translation>Devices</translation>
    </message>
    <message>
        <location filename="../screens/settings_screen.py" line="175"/>
        <source>Display</source>
        <translation>Display</translation>
    </message>
    <message>
        <location filename="../screens/settings_screen.py" line="179"/>
        <source>Policy</source>
        <translation>Policy</translation>
    </message>
    <message>
        <location filename="../screens/settings_screen.py" line="182"/>
        <source>Devices &amp; settings</source>
        <translation>Devices &amp; settings</translation>
    </message>
    <message>
        <location filename="../screens/settings_screen.py" line="237"/>
        <source>Score thresholds in use: {values}</source>
        <translation>Score thresholds in use: {values}</translation>
    </message>
    <message>
        <location filename="../screens/settings_screen.py" line="238"/>
        <source>You are a supervisor: you may change the policy.</source>
        <translation>You are a supervisor: you may change the policy.</translation>
    </message>
    <message>
        <location filename="../screens/settings_screen.py" line="238"/>
        <source>Only a supervisor may change the policy; you will be asked for a supervisor&apos;s password.</source>
        <translation>Only a supervisor may change the policy; you will be asked for a supervisor's password.</translation>
    </message>
    <message>
        <location filename="../screens/settings_screen.py" line="290"/>
        <source>Changing the policy needs a supervisor.</source>
        <translation>Changing the policy needs a supervisor.</translation>
    </message>
    <message>
        <location filename="../screens/settings_screen.py" line="303"/>
        <source>Policy saved ✔</source>
        <translation>Policy saved ✔</translation>
    </message>
    <message>
        <location filename="../screens/settings_screen.py" line="229"/>
        <source>palm</source>
        <translation>palm</translation>
    </message>
    <message>
        <location filename="../screens/settings_screen.py" line="230"/>
        <source>face</source>
        <translation>face</translation>
    </message>
    <message>
        <location filename="../screens/settings_screen.py" line="231"/>
        <source>palm and face</source>
        <translation>palm and face</translation>
    </message>
    <message>
        <location filename="../screens/settings_screen.py" line="180"/>
        <source>Operators</source>
        <translation>Operators</translation>
    </message>
    <message>
        <location filename="../screens/settings_screen.py" line="143"/>
        <source>A stranger&apos;s palm may pass at most</source>
        <translation>A stranger's palm may pass at most</translation>
    </message>
    <message>
        <location filename="../screens/settings_screen.py" line="144"/>
        <source>With palm and face together, at most</source>
        <translation>With palm and face together, at most</translation>
    </message>
    <message>
        <location filename="../screens/settings_screen.py" line="145"/>
        <source>A face alone sends to a supervisor at</source>
        <translation>A face alone sends to a supervisor at</translation>
    </message>
    <message>
        <location filename="../screens/settings_screen.py" line="152"/>
        <source>Advanced (supervisor): attempts, margins, thresholds</source>
        <translation>Advanced (supervisor): attempts, margins, thresholds</translation>
    </message>
    <message>
        <location filename="../screens/settings_screen.py" line="213"/>
        <source>A palm is accepted when the chance that it is someone else&apos;s is below {palm}; with the face as well, below {fused}. A face alone never certifies: it sends the person to a supervisor. After {attempts} attempts without a clear answer, a supervisor looks.</source>
        <translation>A palm is accepted when the chance that it is someone else's is below {palm}; with the face as well, below {fused}. A face alone never certifies: it sends the person to a supervisor. After {attempts} attempts without a clear answer, a supervisor looks.</translation>
    </message>
    <message>
        <location filename="../screens/settings_screen.py" line="131"/>
        <source>Off</source>
        <translation>Off</translation>
    </message>
    <message>
        <location filename="../screens/settings_screen.py" line="133"/>
        <source>Required</source>
        <translation>Required</translation>
    </message>
    <message>
        <location filename="../screens/settings_screen.py" line="132"/>
        <source>When the device supports it</source>
        <translation>When the device supports it</translation>
    </message>
    <message>
        <location filename="../screens/settings_screen.py" line="146"/>
        <source>Face gesture check (liveness)</source>
        <translation>Face gesture check (liveness)</translation>
    </message>
    <message>
        <location filename="../screens/settings_screen.py" line="147"/>
        <source>Palm vein liveness</source>
        <translation>Palm vein liveness</translation>
    </message>
    <message>
        <location filename="../screens/settings_screen.py" line="148"/>
        <source>Face gesture check at enrolment</source>
        <translation>Face gesture check at enrolment</translation>
    </message>
    <message>
        <location filename="../screens/settings_screen.py" line="149"/>
        <source>Palm vein liveness at enrolment</source>
        <translation>Palm vein liveness at enrolment</translation>
    </message>
    <message>
        <location filename="../screens/settings_screen.py" line="232"/>
        <source>palm floor with face</source>
        <translation>palm floor with face</translation>
    </message>
</context>
<context>
    <name>SignaturePad</name>
    <message>
        <location filename="../widgets/signature_pad.py" line="95"/>
        <source>Sign here</source>
        <translation>Sign here</translation>
    </message>
</context>
<context>
    <name>Strength</name>
    <message>
        <location filename="../widgets/strength_meter.py" line="37"/>
        <source>Too short</source>
        <translation>Too short</translation>
    </message>
    <message>
        <location filename="../widgets/strength_meter.py" line="38"/>
        <source>Weak</source>
        <translation>Weak</translation>
    </message>
    <message>
        <location filename="../widgets/strength_meter.py" line="39"/>
        <source>Fair</source>
        <translation>Fair</translation>
    </message>
    <message>
        <location filename="../widgets/strength_meter.py" line="40"/>
        <source>Good</source>
        <translation>Good</translation>
    </message>
    <message>
        <location filename="../widgets/strength_meter.py" line="41"/>
        <source>Strong</source>
        <translation>Strong</translation>
    </message>
</context>
<context>
    <name>SupervisorDialog</name>
    <message>
        <location filename="../screens/supervisor_dialog.py" line="32"/>
        <source>Supervisor needed</source>
        <translation>Supervisor needed</translation>
    </message>
    <message>
        <location filename="../screens/supervisor_dialog.py" line="41"/>
        <source>Confirm</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <location filename="../screens/supervisor_dialog.py" line="43"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../screens/supervisor_dialog.py" line="46"/>
        <source>Supervisor login</source>
        <translation>Supervisor login</translation>
    </message>
    <message>
        <location filename="../screens/supervisor_dialog.py" line="47"/>
        <source>Password</source>
        <translation>Password</translation>
    </message>
</context>
<context>
    <name>Sync</name>
    <message>
        <location filename="../texts.py" line="111"/>
        <source>people</source>
        <translation>people</translation>
    </message>
    <message>
        <location filename="../texts.py" line="112"/>
        <source>enrolments</source>
        <translation>enrolments</translation>
    </message>
    <message>
        <location filename="../texts.py" line="113"/>
        <source>certifications</source>
        <translation>certifications</translation>
    </message>
    <message>
        <location filename="../texts.py" line="114"/>
        <source>cases</source>
        <translation>cases</translation>
    </message>
    <message>
        <location filename="../texts.py" line="115"/>
        <source>receipts</source>
        <translation>receipts</translation>
    </message>
    <message>
        <location filename="../texts.py" line="116"/>
        <source>attachments</source>
        <translation>attachments</translation>
    </message>
    <message>
        <location filename="../texts.py" line="117"/>
        <source>operator accounts</source>
        <translation>operator accounts</translation>
    </message>
    <message>
        <location filename="../texts.py" line="124"/>
        <source>conflict: headquarters holds different content</source>
        <translation>conflict: headquarters holds different content</translation>
    </message>
    <message>
        <location filename="../texts.py" line="125"/>
        <source>refused by headquarters</source>
        <translation>refused by headquarters</translation>
    </message>
    <message>
        <location filename="../texts.py" line="126"/>
        <source>no answer for this record</source>
        <translation>no answer for this record</translation>
    </message>
</context>
<context>
    <name>SyncScreen</name>
    <message>
        <location filename="../screens/sync_screen.py" line="59"/>
        <source>hq_public.key from headquarters</source>
        <translation>hq_public.key from headquarters</translation>
    </message>
    <message>
        <location filename="../screens/sync_screen.py" line="60"/>
        <source>Choose…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <location filename="../screens/sync_screen.py" line="62"/>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../screens/sync_screen.py" line="66"/>
        <source>What</source>
        <translation>What</translation>
    </message>
    <message>
        <location filename="../screens/sync_screen.py" line="66"/>
        <source>How many</source>
        <translation>How many</translation>
    </message>
    <message>
        <location filename="../screens/sync_screen.py" line="67"/>
        <source>Send to headquarters now</source>
        <translation>Send to headquarters now</translation>
    </message>
    <message>
        <location filename="../screens/sync_screen.py" line="74"/>
        <source>Record</source>
        <translation>Record</translation>
    </message>
    <message>
        <location filename="../screens/sync_screen.py" line="74"/>
        <source>Headquarters&apos; answer</source>
        <translation>Headquarters' answer</translation>
    </message>
    <message>
        <location filename="../screens/sync_screen.py" line="75"/>
        <source>Export batch file…</source>
        <translation>Export batch file…</translation>
    </message>
    <message>
        <location filename="../screens/sync_screen.py" line="77"/>
        <source>Import roster file…</source>
        <translation>Import roster file…</translation>
    </message>
    <message>
        <location filename="../screens/sync_screen.py" line="84"/>
        <source>Headquarters</source>
        <translation>Headquarters</translation>
    </message>
    <message>
        <location filename="../screens/sync_screen.py" line="86"/>
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../screens/sync_screen.py" line="90"/>
        <source>Key file</source>
        <translation>Key file</translation>
    </message>
    <message>
        <location filename="../screens/sync_screen.py" line="97"/>
        <source>Waiting to be sent</source>
        <translation>Waiting to be sent</translation>
    </message>
    <message>
        <location filename="../screens/sync_screen.py" line="104"/>
        <source>USB stick (no network)</source>
        <translation>USB stick (no network)</translation>
    </message>
    <message>
        <location filename="../screens/sync_screen.py" line="118"/>
        <source>Sync with headquarters</source>
        <translation>Sync with headquarters</translation>
    </message>
    <message>
        <location filename="../screens/sync_screen.py" line="144"/>
        <source>Headquarters has never confirmed anything from this laptop.</source>
        <translation>Headquarters has never confirmed anything from this laptop.</translation>
    </message>
    <message>
        <location filename="../screens/sync_screen.py" line="146"/>
        <source>Headquarters last confirmed records {days:.1f} days ago.</source>
        <translation>Headquarters last confirmed records {days:.1f} days ago.</translation>
    </message>
    <message>
        <location filename="../screens/sync_screen.py" line="152"/>
        <source>{n} records wait for headquarters.</source>
        <translation>{n} records wait for headquarters.</translation>
    </message>
    <message>
        <location filename="../screens/sync_screen.py" line="152"/>
        <source>Everything has reached headquarters ✔</source>
        <translation>Everything has reached headquarters ✔</translation>
    </message>
    <message>
        <location filename="../screens/sync_screen.py" line="160"/>
        <source>Headquarters key file</source>
        <translation>Headquarters key file</translation>
    </message>
    <message>
        <location filename="../screens/sync_screen.py" line="171"/>
        <source>Headquarters settings saved ✔</source>
        <translation>Headquarters settings saved ✔</translation>
    </message>
    <message>
        <location filename="../screens/sync_screen.py" line="181"/>
        <source>Sending… the screen stays usable.</source>
        <translation>Sending… the screen stays usable.</translation>
    </message>
    <message>
        <location filename="../screens/sync_screen.py" line="210"/>
        <source>Nothing to send: everything has reached headquarters ✔</source>
        <translation>Nothing to send: everything has reached headquarters ✔</translation>
    </message>
    <message>
        <location filename="../screens/sync_screen.py" line="213"/>
        <source>Connected. Sent {sent}; headquarters confirmed {ack}; {left} still waiting.</source>
        <translation>Connected. Sent {sent}; headquarters confirmed {ack}; {left} still waiting.</translation>
    </message>
    <message>
        <location filename="../screens/sync_screen.py" line="218"/>
        <source>{n} records are queued for review at headquarters.</source>
        <translation>{n} records are queued for review at headquarters.</translation>
    </message>
    <message>
        <location filename="../screens/sync_screen.py" line="224"/>
        <source>Headquarters is missing {n} earlier records from this laptop.</source>
        <translation>Headquarters is missing {n} earlier records from this laptop.</translation>
    </message>
    <message>
        <location filename="../screens/sync_screen.py" line="231"/>
        <source>{n} decisions from headquarters were applied.</source>
        <translation>{n} decisions from headquarters were applied.</translation>
    </message>
    <message>
        <location filename="../screens/sync_screen.py" line="233"/>
        <source>{n} palm images headquarters holds were removed from this laptop.</source>
        <translation>{n} palm images headquarters holds were removed from this laptop.</translation>
    </message>
    <message>
        <location filename="../screens/sync_screen.py" line="263"/>
        <source>Save the batch file</source>
        <translation>Save the batch file</translation>
    </message>
    <message>
        <location filename="../screens/sync_screen.py" line="271"/>
        <source>Writing the batch file…</source>
        <translation>Writing the batch file…</translation>
    </message>
    <message>
        <location filename="../screens/sync_screen.py" line="272"/>
        <source>{n} records written to {file} (sealed for headquarters).</source>
        <translation>{n} records written to {file} (sealed for headquarters).</translation>
    </message>
    <message>
        <location filename="../screens/sync_screen.py" line="284"/>
        <source>Roster file from headquarters</source>
        <translation>Roster file from headquarters</translation>
    </message>
    <message>
        <location filename="../screens/sync_screen.py" line="293"/>
        <source>Reading the roster…</source>
        <translation>Reading the roster…</translation>
    </message>
    <message>
        <location filename="../screens/sync_screen.py" line="296"/>
        <source>Roster: {ok} people taken in, {bad} rows refused.</source>
        <translation>Roster: {ok} people taken in, {bad} rows refused.</translation>
    </message>
    <message>
        <location filename="../screens/sync_screen.py" line="79"/>
        <source>Import work package…</source>
        <translation>Import work package…</translation>
    </message>
    <message>
        <location filename="../screens/sync_screen.py" line="325"/>
        <source>Work package from headquarters</source>
        <translation>Work package from headquarters</translation>
    </message>
    <message>
        <location filename="../screens/sync_screen.py" line="333"/>
        <source>Checking the work package…</source>
        <translation>Checking the work package…</translation>
    </message>
    <message>
        <location filename="../screens/sync_screen.py" line="312"/>
        <source>Work package {region}/{cycle}: {added} people added, {updated} updated, {enrolled} enrolments and {certified} certifications taken in.</source>
        <translation>Work package {region}/{cycle}: {added} people added, {updated} updated, {enrolled} enrolments and {certified} certifications taken in.</translation>
    </message>
</context>
<context>
    <name>TodayScreen</name>
    <message>
        <location filename="../screens/today_screen.py" line="56"/>
        <source>Home visits only</source>
        <translation>Home visits only</translation>
    </message>
    <message>
        <location filename="../screens/today_screen.py" line="71"/>
        <source>certified</source>
        <translation>certified</translation>
    </message>
    <message>
        <location filename="../screens/today_screen.py" line="72"/>
        <source>still due</source>
        <translation>still due</translation>
    </message>
    <message>
        <location filename="../screens/today_screen.py" line="73"/>
        <source>not yet sent to HQ</source>
        <translation>not yet sent to HQ</translation>
    </message>
    <message>
        <location filename="../screens/today_screen.py" line="74"/>
        <source>open cases</source>
        <translation>open cases</translation>
    </message>
    <message>
        <location filename="../screens/today_screen.py" line="86"/>
        <source>ID number</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../screens/today_screen.py" line="86"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../screens/today_screen.py" line="118"/>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../screens/today_screen.py" line="115"/>
        <source>District</source>
        <translation>District</translation>
    </message>
    <message>
        <location filename="../screens/today_screen.py" line="86"/>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../screens/today_screen.py" line="102"/>
        <source>Enrol this person</source>
        <translation>Enrol this person</translation>
    </message>
    <message>
        <location filename="../screens/today_screen.py" line="103"/>
        <source>Certify this person</source>
        <translation>Certify this person</translation>
    </message>
    <message>
        <location filename="../screens/today_screen.py" line="130"/>
        <source>Today</source>
        <translation>Today</translation>
    </message>
    <message>
        <location filename="../screens/today_screen.py" line="174"/>
        <source>certified ✔</source>
        <translation>certified ✔</translation>
    </message>
    <message>
        <location filename="../screens/today_screen.py" line="175"/>
        <source>due</source>
        <translation>due</translation>
    </message>
    <message>
        <location filename="../screens/today_screen.py" line="175"/>
        <source>due — not enrolled</source>
        <translation>due — not enrolled</translation>
    </message>
    <message>
        <location filename="../screens/today_screen.py" line="183"/>
        <source>All districts</source>
        <translation>All districts</translation>
    </message>
    <message>
        <location filename="../screens/today_screen.py" line="184"/>
        <source>All units</source>
        <translation>All units</translation>
    </message>
    <message>
        <location filename="../screens/today_screen.py" line="194"/>
        <source>Cycle {cycle}: {shown} people shown.</source>
        <translation>Cycle {cycle}: {shown} people shown.</translation>
    </message>
    <message>
        <location filename="../screens/today_screen.py" line="47"/>
        <source>ID number, its last 4 digits, name, or pinyin (zhangsan / zs)</source>
        <translation>ID number, its last 4 digits, name, or pinyin (zhangsan / zs)</translation>
    </message>
    <message>
        <location filename="../screens/today_screen.py" line="86"/>
        <source>Age</source>
        <translation>Age</translation>
    </message>
    <message>
        <location filename="../screens/today_screen.py" line="86"/>
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../screens/today_screen.py" line="86"/>
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../screens/today_screen.py" line="107"/>
        <source>Show the full ID number</source>
        <translation>Show the full ID number</translation>
    </message>
    <message>
        <location filename="../screens/today_screen.py" line="109"/>
        <source>History and receipts…</source>
        <translation>History and receipts…</translation>
    </message>
</context>
<context>
    <name>UnlockScreen</name>
    <message>
        <location filename="../screens/unlock_screen.py" line="35"/>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../screens/unlock_screen.py" line="39"/>
        <source>Unlock the store</source>
        <translation>Unlock the store</translation>
    </message>
    <message>
        <location filename="../screens/unlock_screen.py" line="40"/>
        <source>Type the store passphrase of this laptop.</source>
        <translation>Type the store passphrase of this laptop.</translation>
    </message>
    <message>
        <location filename="../screens/unlock_screen.py" line="42"/>
        <source>Passphrase</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <location filename="../screens/unlock_screen.py" line="55"/>
        <source>Log in</source>
        <translation>Log in</translation>
    </message>
    <message>
        <location filename="../screens/unlock_screen.py" line="57"/>
        <source>Close the store</source>
        <translation>Close the store</translation>
    </message>
    <message>
        <location filename="../screens/unlock_screen.py" line="62"/>
        <source>Who is working?</source>
        <translation>Who is working?</translation>
    </message>
    <message>
        <location filename="../screens/unlock_screen.py" line="65"/>
        <source>Login</source>
        <translation>Login</translation>
    </message>
    <message>
        <location filename="../screens/unlock_screen.py" line="66"/>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../screens/unlock_screen.py" line="101"/>
        <source>The screen was locked after a quiet period. Log in to continue where you were.</source>
        <translation>The screen was locked after a quiet period. Log in to continue where you were.</translation>
    </message>
    <message>
        <location filename="../screens/unlock_screen.py" line="101"/>
        <source>Log in with your own account: every record names who made it.</source>
        <translation>Log in with your own account: every record names who made it.</translation>
    </message>
    <message>
        <location filename="../screens/unlock_screen.py" line="116"/>
        <source>Opening…</source>
        <translation>Opening…</translation>
    </message>
</context>
<context>
    <name>Visit</name>
    <message>
        <location filename="../widgets/visit_paths.py" line="42"/>
        <source>Here at the counter</source>
        <translation>Here at the counter</translation>
    </message>
    <message>
        <location filename="../widgets/visit_paths.py" line="43"/>
        <source>Home visit (bedside)</source>
        <translation>Home visit (bedside)</translation>
    </message>
    <message>
        <location filename="../widgets/visit_paths.py" line="44"/>
        <source>At another office, on our behalf</source>
        <translation>At another office, on our behalf</translation>
    </message>
    <message>
        <location filename="../widgets/visit_paths.py" line="50"/>
        <source>spouse</source>
        <translation>spouse</translation>
    </message>
    <message>
        <location filename="../widgets/visit_paths.py" line="51"/>
        <source>son or daughter</source>
        <translation>son or daughter</translation>
    </message>
    <message>
        <location filename="../widgets/visit_paths.py" line="52"/>
        <source>other relative</source>
        <translation>other relative</translation>
    </message>
    <message>
        <location filename="../widgets/visit_paths.py" line="53"/>
        <source>neighbour</source>
        <translation>neighbour</translation>
    </message>
    <message>
        <location filename="../widgets/visit_paths.py" line="54"/>
        <source>community worker</source>
        <translation>community worker</translation>
    </message>
    <message>
        <location filename="../widgets/visit_paths.py" line="60"/>
        <source>Retirement certificate</source>
        <translation>Retirement certificate</translation>
    </message>
    <message>
        <location filename="../widgets/visit_paths.py" line="61"/>
        <source>ID card</source>
        <translation>ID card</translation>
    </message>
    <message>
        <location filename="../widgets/visit_paths.py" line="62"/>
        <source>Assistance form</source>
        <translation>Assistance form</translation>
    </message>
    <message>
        <location filename="../widgets/visit_paths.py" line="63"/>
        <source>Other document</source>
        <translation>Other document</translation>
    </message>
    <message>
        <location filename="../widgets/visit_paths.py" line="91"/>
        <source>Take the visit photo</source>
        <translation>Take the visit photo</translation>
    </message>
    <message>
        <location filename="../widgets/visit_paths.py" line="97"/>
        <source>Address, or latitude, longitude</source>
        <translation>Address, or latitude, longitude</translation>
    </message>
    <message>
        <location filename="../widgets/visit_paths.py" line="99"/>
        <source>Read GPS</source>
        <translation>Read GPS</translation>
    </message>
    <message>
        <location filename="../widgets/visit_paths.py" line="108"/>
        <source>Witness</source>
        <translation>Witness</translation>
    </message>
    <message>
        <location filename="../widgets/visit_paths.py" line="109"/>
        <source>Relation</source>
        <translation>Relation</translation>
    </message>
    <message>
        <location filename="../widgets/visit_paths.py" line="110"/>
        <source>Photo</source>
        <translation>Photo</translation>
    </message>
    <message>
        <location filename="../widgets/visit_paths.py" line="111"/>
        <source>Place</source>
        <translation>Place</translation>
    </message>
    <message>
        <location filename="../widgets/visit_paths.py" line="112"/>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../widgets/visit_paths.py" line="126"/>
        <source>Office</source>
        <translation>Office</translation>
    </message>
    <message>
        <location filename="../widgets/visit_paths.py" line="127"/>
        <source>Documents seen</source>
        <translation>Documents seen</translation>
    </message>
    <message>
        <location filename="../widgets/visit_paths.py" line="138"/>
        <source>Approval reference</source>
        <translation>Approval reference</translation>
    </message>
    <message>
        <location filename="../widgets/visit_paths.py" line="139"/>
        <source>Approved by (county official)</source>
        <translation>Approved by (county official)</translation>
    </message>
    <message>
        <location filename="../widgets/visit_paths.py" line="189"/>
        <source>Taking the photo…</source>
        <translation>Taking the photo…</translation>
    </message>
    <message>
        <location filename="../widgets/visit_paths.py" line="201"/>
        <source>Take it again</source>
        <translation>Take it again</translation>
    </message>
    <message>
        <location filename="../widgets/visit_paths.py" line="202"/>
        <source>Visit photo taken ✔</source>
        <translation>Visit photo taken ✔</translation>
    </message>
    <message>
        <location filename="../widgets/visit_paths.py" line="207"/>
        <source>Reading the GPS…</source>
        <translation>Reading the GPS…</translation>
    </message>
    <message>
        <location filename="../widgets/visit_paths.py" line="216"/>
        <source>Place from GPS ✔</source>
        <translation>Place from GPS ✔</translation>
    </message>
    <message>
        <location filename="../widgets/visit_paths.py" line="132"/>
        <source>No ID card (approved)</source>
        <translation>No ID card (approved)</translation>
    </message>
</context>
<context>
    <name>Window</name>
    <message>
        <location filename="../main_window.py" line="53"/>
        <source>Today</source>
        <translation>Today</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="54"/>
        <source>Enrol</source>
        <translation>Enrol</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="55"/>
        <source>Certify</source>
        <translation>Certify</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="56"/>
        <source>Cases</source>
        <translation>Cases</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="57"/>
        <source>Sync</source>
        <translation>Sync</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="58"/>
        <source>Receipts</source>
        <translation>Receipts</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="90"/>
        <source>fieldkit — enrolment and certification</source>
        <translation>fieldkit — enrolment and certification</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="136"/>
        <source>Lock (Ctrl+L)</source>
        <translation>Lock (Ctrl+L)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="281"/>
        <source>supervisor</source>
        <translation>supervisor</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="281"/>
        <source>operator</source>
        <translation>operator</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="298"/>
        <source>Devices: {n} ready</source>
        <translation>Devices: {n} ready</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="300"/>
        <source>({n} simulated)</source>
        <translation>({n} simulated)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="308"/>
        <source>never</source>
        <translation>never</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="309"/>
        <source>Last sent to HQ: {when} · {n} waiting</source>
        <translation>Last sent to HQ: {when} · {n} waiting</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="59"/>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
</context>
</TS>
