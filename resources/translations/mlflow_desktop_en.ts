<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>ChartsView</name>
    <message numerus="yes">
        <source>Reading {0} runs…</source>
        <translation>
            <numerusform>Reading {0} run…</numerusform>
            <numerusform>Reading {0} runs…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{0} runs</source>
        <translation>
            <numerusform>{0} run</numerusform>
            <numerusform>{0} runs</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CompareArtifactsSection</name>
    <message numerus="yes">
        <source>Reading the artifacts of {0} runs…</source>
        <translation>
            <numerusform>Reading the artifacts of {0} run…</numerusform>
            <numerusform>Reading the artifacts of {0} runs…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CompareDialog</name>
    <message numerus="yes">
        <source>Loading {0} runs…</source>
        <extracomment>Groups of the runs (grouped rows of the runs table), by name: the metric curves draw their means.</extracomment>
        <translation>
            <numerusform>Loading {0} run…</numerusform>
            <numerusform>Loading {0} runs…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Comparing {0} runs by group</source>
        <translation>
            <numerusform>Comparing {0} run by group</numerusform>
            <numerusform>Comparing {0} runs by group</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Comparing {0} runs</source>
        <translation>
            <numerusform>Comparing {0} run</numerusform>
            <numerusform>Comparing {0} runs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Comparing {0} runs from 1 experiment</source>
        <translation>
            <numerusform>Comparing {0} run from 1 experiment</numerusform>
            <numerusform>Comparing {0} runs from 1 experiment</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Comparing {0} runs from {1} experiments</source>
        <translation>
            <numerusform>Comparing {0} run from {1} experiments</numerusform>
            <numerusform>Comparing {0} runs from {1} experiments</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CompareGroups</name>
    <message numerus="yes">
        <source>{0} · {1} runs</source>
        <translation>
            <numerusform>{0} · {1} run</numerusform>
            <numerusform>{0} · {1} runs</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GroupTableModel</name>
    <message numerus="yes">
        <source>{0} runs</source>
        <translation>
            <numerusform>{0} run</numerusform>
            <numerusform>{0} runs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>over {0} of {1} runs</source>
        <translation>
            <numerusform>over {0} of {1} run</numerusform>
            <numerusform>over {0} of {1} runs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{0} — {1} runs</source>
        <translation>
            <numerusform>{0} — {1} run</numerusform>
            <numerusform>{0} — {1} runs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>not logged — {0} runs</source>
        <translation>
            <numerusform>not logged — {0} run</numerusform>
            <numerusform>not logged — {0} runs</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>Live refresh: {0} runs updated</source>
        <translation>
            <numerusform>Live refresh: {0} run updated</numerusform>
            <numerusform>Live refresh: {0} runs updated</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{0} runs written to {1}</source>
        <translation>
            <numerusform>{0} run written to {1}</numerusform>
            <numerusform>{0} runs written to {1}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{0:,} of {1:,} runs</source>
        <translation>
            <numerusform>{0:,} of {1:,} run</numerusform>
            <numerusform>{0:,} of {1:,} runs</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NoteDialog</name>
    <message numerus="yes">
        <source>The same note for {0} runs, kept in this app&apos;s store; their source is never written.</source>
        <translation>
            <numerusform>The same note for {0} run, kept in this app&apos;s store; its source is never written.</numerusform>
            <numerusform>The same note for {0} runs, kept in this app&apos;s store; their source is never written.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ParallelCoordinatesSection</name>
    <message numerus="yes">
        <source>{0} of {1} groups inside the ranges</source>
        <translation>
            <numerusform>{0} of {1} group inside the ranges</numerusform>
            <numerusform>{0} of {1} groups inside the ranges</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{0} of {1} runs inside the ranges</source>
        <translation>
            <numerusform>{0} of {1} run inside the ranges</numerusform>
            <numerusform>{0} of {1} runs inside the ranges</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{0} runs</source>
        <translation>
            <numerusform>{0} run</numerusform>
            <numerusform>{0} runs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{0} groups</source>
        <translation>
            <numerusform>{0} group</numerusform>
            <numerusform>{0} groups</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ParamImportanceSection</name>
    <message numerus="yes">
        <source>Learned from {0} runs.</source>
        <translation>
            <numerusform>Learned from {0} run.</numerusform>
            <numerusform>Learned from {0} runs.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RunsPanel</name>
    <message numerus="yes">
        <source>Copying {0} runs…</source>
        <translation>
            <numerusform>Copying {0} run…</numerusform>
            <numerusform>Copying {0} runs…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Copied {0} runs</source>
        <translation>
            <numerusform>Copied {0} run</numerusform>
            <numerusform>Copied {0} runs</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RunsTableModel</name>
    <message numerus="yes">
        <source>{0} runs</source>
        <translation>
            <numerusform>{0} run</numerusform>
            <numerusform>{0} runs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Mean of {0} runs: {1}</source>
        <translation>
            <numerusform>Mean of {0} run: {1}</numerusform>
            <numerusform>Mean of {0} runs: {1}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Best of the {0} runs below: {1}</source>
        <translation>
            <numerusform>Best of the {0} run below: {1}</numerusform>
            <numerusform>Best of the {0} runs below: {1}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{0} runs below</source>
        <translation>
            <numerusform>{0} run below</numerusform>
            <numerusform>{0} runs below</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ScatterSection</name>
    <message numerus="yes">
        <source>{0} groups plotted</source>
        <translation>
            <numerusform>{0} group plotted</numerusform>
            <numerusform>{0} groups plotted</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{0} runs plotted</source>
        <translation>
            <numerusform>{0} run plotted</numerusform>
            <numerusform>{0} runs plotted</numerusform>
        </translation>
    </message>
</context>
</TS>
