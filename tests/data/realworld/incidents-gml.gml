<?xml version="1.0" encoding="utf-8" ?>
<ogr:FeatureCollection
     gml:id="aFeatureCollection"
     xmlns:ogr="http://ogr.maptools.org/"
     xmlns:gml="http://www.opengis.net/gml/3.2">
  <gml:boundedBy><gml:Envelope srsName="urn:ogc:def:crs:EPSG::4326"><gml:lowerCorner>33.2531 30.4754</gml:lowerCorner><gml:upperCorner>50.4684 44.4301</gml:upperCorner></gml:Envelope></gml:boundedBy>
                                                                                                                                                      
  <ogr:featureMember>
    <ogr:ucdp_ged gml:id="ucdp_ged.0">
      <gml:boundedBy><gml:Envelope srsName="urn:ogc:def:crs:EPSG::4326"><gml:lowerCorner>33.2803 44.4301</gml:lowerCorner><gml:upperCorner>33.2803 44.4301</gml:upperCorner></gml:Envelope></gml:boundedBy>
      <ogr:geometryProperty><gml:Point srsName="urn:ogc:def:crs:EPSG::4326" gml:id="ucdp_ged.geom.0"><gml:pos>33.2803 44.4301</gml:pos></gml:Point></ogr:geometryProperty>
      <ogr:id>300000</ogr:id>
      <ogr:relid>IRQ-0</ogr:relid>
      <ogr:year>2023</ogr:year>
      <ogr:active_year>true</ogr:active_year>
      <ogr:code_status>Clear</ogr:code_status>
      <ogr:type_of_violence>2</ogr:type_of_violence>
      <ogr:conflict_dset_id>259</ogr:conflict_dset_id>
      <ogr:conflict_new_id>259</ogr:conflict_new_id>
      <ogr:conflict_name>Iraq: Government</ogr:conflict_name>
      <ogr:dyad_dset_id>799</ogr:dyad_dset_id>
      <ogr:dyad_new_id>799</ogr:dyad_new_id>
      <ogr:dyad_name>Government of Iraq - IS</ogr:dyad_name>
      <ogr:side_a_dset_id>116</ogr:side_a_dset_id>
      <ogr:side_a_new_id>116</ogr:side_a_new_id>
      <ogr:side_a>Government of Iraq</ogr:side_a>
      <ogr:side_b_dset_id>234</ogr:side_b_dset_id>
      <ogr:side_b_new_id>234</ogr:side_b_new_id>
      <ogr:side_b>IS</ogr:side_b>
      <ogr:number_of_sources>2</ogr:number_of_sources>
      <ogr:source_article></ogr:source_article>
      <ogr:source_office>Reuters</ogr:source_office>
      <ogr:source_date></ogr:source_date>
      <ogr:source_headline></ogr:source_headline>
      <ogr:source_original></ogr:source_original>
      <ogr:where_prec>5</ogr:where_prec>
      <ogr:where_coordinates>Baghdad Embassy</ogr:where_coordinates>
      <ogr:where_description>Baghdad Embassy (town)</ogr:where_description>
      <ogr:adm_1>Baghdad governorate</ogr:adm_1>
      <ogr:adm_2></ogr:adm_2>
      <ogr:latitude>33.2803</ogr:latitude>
      <ogr:longitude>44.4301</ogr:longitude>
      <ogr:geom_wkt>POINT (44.4301 33.2803)</ogr:geom_wkt>
      <ogr:priogrid_gid>150000</ogr:priogrid_gid>
      <ogr:country>Iraq</ogr:country>
      <ogr:country_id>645</ogr:country_id>
      <ogr:region>Middle East</ogr:region>
      <ogr:event_clarity>1</ogr:event_clarity>
      <ogr:date_prec>1</ogr:date_prec>
      <ogr:date_start>2023-04-26T00:00:00</ogr:date_start>
      <ogr:date_end>2023-04-26T00:00:00</ogr:date_end>
      <ogr:deaths_a>0</ogr:deaths_a>
      <ogr:deaths_b>2</ogr:deaths_b>
      <ogr:deaths_civilians>0</ogr:deaths_civilians>
      <ogr:deaths_unknown>0</ogr:deaths_unknown>
      <ogr:best>2</ogr:best>
      <ogr:high>3</ogr:high>
      <ogr:low>2</ogr:low>
      <ogr:gwnoa>645</ogr:gwnoa>
      <ogr:gwnob></ogr:gwnob>
    </ogr:ucdp_ged>
  </ogr:featureMember>
  <ogr:featureMember>
    <ogr:ucdp_ged gml:id="ucdp_ged.1">
      <gml:boundedBy><gml:Envelope srsName="urn:ogc:def:crs:EPSG::4326"><gml:lowerCorner>33.4593 38.6198</gml:lowerCorner><gml:upperCorner>33.4593 38.6198</gml:upperCorner></gml:Envelope></gml:boundedBy>
      <ogr:geometryProperty><gml:Point srsName="urn:ogc:def:crs:EPSG::4326" gml:id="ucdp_ged.geom.1"><gml:pos>33.4593 38.6198</gml:pos></gml:Point></ogr:geometryProperty>
      <ogr:id>300001</ogr:id>
      <ogr:relid>IRQ-1</ogr:relid>
      <ogr:year>2023</ogr:year>
      <ogr:active_year>true</ogr:active_year>
      <ogr:code_status>Clear</ogr:code_status>
      <ogr:type_of_violence>3</ogr:type_of_violence>
      <ogr:conflict_dset_id>259</ogr:conflict_dset_id>
      <ogr:conflict_new_id>259</ogr:conflict_new_id>
      <ogr:conflict_name>Iraq: Government</ogr:conflict_name>
      <ogr:dyad_dset_id>799</ogr:dyad_dset_id>
      <ogr:dyad_new_id>799</ogr:dyad_new_id>
      <ogr:dyad_name>Government of Iraq - IS</ogr:dyad_name>
      <ogr:side_a_dset_id>116</ogr:side_a_dset_id>
      <ogr:side_a_new_id>116</ogr:side_a_new_id>
      <ogr:side_a>Government of Iraq</ogr:side_a>
      <ogr:side_b_dset_id>234</ogr:side_b_dset_id>
      <ogr:side_b_new_id>234</ogr:side_b_new_id>
      <ogr:side_b>IS</ogr:side_b>
      <ogr:number_of_sources>2</ogr:number_of_sources>
      <ogr:source_article></ogr:source_article>
      <ogr:source_office>Reuters</ogr:source_office>
      <ogr:source_date></ogr:source_date>
      <ogr:source_headline></ogr:source_headline>
      <ogr:source_original></ogr:source_original>
      <ogr:where_prec>5</ogr:where_prec>
      <ogr:where_coordinates>Al-Tanf</ogr:where_coordinates>
      <ogr:where_description>Al-Tanf (town)</ogr:where_description>
      <ogr:adm_1>Rif Dimashq governorate</ogr:adm_1>
      <ogr:adm_2></ogr:adm_2>
      <ogr:latitude>33.4593</ogr:latitude>
      <ogr:longitude>38.6198</ogr:longitude>
      <ogr:geom_wkt>POINT (38.6198 33.4593)</ogr:geom_wkt>
      <ogr:priogrid_gid>150001</ogr:priogrid_gid>
      <ogr:country>Syria</ogr:country>
      <ogr:country_id>645</ogr:country_id>
      <ogr:region>Middle East</ogr:region>
      <ogr:event_clarity>1</ogr:event_clarity>
      <ogr:date_prec>2</ogr:date_prec>
      <ogr:date_start>2023-02-04T00:00:00</ogr:date_start>
      <ogr:date_end>2023-02-07T00:00:00</ogr:date_end>
      <ogr:deaths_a>0</ogr:deaths_a>
      <ogr:deaths_b>2</ogr:deaths_b>
      <ogr:deaths_civilians>0</ogr:deaths_civilians>
      <ogr:deaths_unknown>0</ogr:deaths_unknown>
      <ogr:best>2</ogr:best>
      <ogr:high>3</ogr:high>
      <ogr:low>2</ogr:low>
      <ogr:gwnoa>645</ogr:gwnoa>
      <ogr:gwnob></ogr:gwnob>
    </ogr:ucdp_ged>
  </ogr:featureMember>
  <ogr:featureMember>
    <ogr:ucdp_ged gml:id="ucdp_ged.2">
      <gml:boundedBy><gml:Envelope srsName="urn:ogc:def:crs:EPSG::4326"><gml:lowerCorner>33.5424 38.6947</gml:lowerCorner><gml:upperCorner>33.5424 38.6947</gml:upperCorner></gml:Envelope></gml:boundedBy>
      <ogr:geometryProperty><gml:Point srsName="urn:ogc:def:crs:EPSG::4326" gml:id="ucdp_ged.geom.2"><gml:pos>33.5424 38.6947</gml:pos></gml:Point></ogr:geometryProperty>
      <ogr:id>300002</ogr:id>
      <ogr:relid>IRQ-2</ogr:relid>
      <ogr:year>2023</ogr:year>
      <ogr:active_year>true</ogr:active_year>
      <ogr:code_status>Clear</ogr:code_status>
      <ogr:type_of_violence>3</ogr:type_of_violence>
      <ogr:conflict_dset_id>259</ogr:conflict_dset_id>
      <ogr:conflict_new_id>259</ogr:conflict_new_id>
      <ogr:conflict_name>Iraq: Government</ogr:conflict_name>
      <ogr:dyad_dset_id>799</ogr:dyad_dset_id>
      <ogr:dyad_new_id>799</ogr:dyad_new_id>
      <ogr:dyad_name>Government of Iraq - IS</ogr:dyad_name>
      <ogr:side_a_dset_id>116</ogr:side_a_dset_id>
      <ogr:side_a_new_id>116</ogr:side_a_new_id>
      <ogr:side_a>Government of Iraq</ogr:side_a>
      <ogr:side_b_dset_id>234</ogr:side_b_dset_id>
      <ogr:side_b_new_id>234</ogr:side_b_new_id>
      <ogr:side_b>IS</ogr:side_b>
      <ogr:number_of_sources>2</ogr:number_of_sources>
      <ogr:source_article></ogr:source_article>
      <ogr:source_office>Reuters</ogr:source_office>
      <ogr:source_date></ogr:source_date>
      <ogr:source_headline></ogr:source_headline>
      <ogr:source_original></ogr:source_original>
      <ogr:where_prec>3</ogr:where_prec>
      <ogr:where_coordinates>Al-Tanf</ogr:where_coordinates>
      <ogr:where_description>Al-Tanf (town)</ogr:where_description>
      <ogr:adm_1>Rif Dimashq governorate</ogr:adm_1>
      <ogr:adm_2></ogr:adm_2>
      <ogr:latitude>33.5424</ogr:latitude>
      <ogr:longitude>38.6947</ogr:longitude>
      <ogr:geom_wkt>POINT (38.6947 33.5424)</ogr:geom_wkt>
      <ogr:priogrid_gid>150002</ogr:priogrid_gid>
      <ogr:country>Syria</ogr:country>
      <ogr:country_id>645</ogr:country_id>
      <ogr:region>Middle East</ogr:region>
      <ogr:event_clarity>1</ogr:event_clarity>
      <ogr:date_prec>2</ogr:date_prec>
      <ogr:date_start>2023-08-27T00:00:00</ogr:date_start>
      <ogr:date_end>2023-08-30T00:00:00</ogr:date_end>
      <ogr:deaths_a>0</ogr:deaths_a>
      <ogr:deaths_b>2</ogr:deaths_b>
      <ogr:deaths_civilians>0</ogr:deaths_civilians>
      <ogr:deaths_unknown>0</ogr:deaths_unknown>
      <ogr:best>2</ogr:best>
      <ogr:high>3</ogr:high>
      <ogr:low>2</ogr:low>
      <ogr:gwnoa>645</ogr:gwnoa>
      <ogr:gwnob></ogr:gwnob>
    </ogr:ucdp_ged>
  </ogr:featureMember>
  <ogr:featureMember>
    <ogr:ucdp_ged gml:id="ucdp_ged.3">
      <gml:boundedBy><gml:Envelope srsName="urn:ogc:def:crs:EPSG::4326"><gml:lowerCorner>33.2901 44.4058</gml:lowerCorner><gml:upperCorner>33.2901 44.4058</gml:upperCorner></gml:Envelope></gml:boundedBy>
      <ogr:geometryProperty><gml:Point srsName="urn:ogc:def:crs:EPSG::4326" gml:id="ucdp_ged.geom.3"><gml:pos>33.2901 44.4058</gml:pos></gml:Point></ogr:geometryProperty>
      <ogr:id>300003</ogr:id>
      <ogr:relid>IRQ-3</ogr:relid>
      <ogr:year>2022</ogr:year>
      <ogr:active_year>true</ogr:active_year>
      <ogr:code_status>Clear</ogr:code_status>
      <ogr:type_of_violence>1</ogr:type_of_violence>
      <ogr:conflict_dset_id>259</ogr:conflict_dset_id>
      <ogr:conflict_new_id>259</ogr:conflict_new_id>
      <ogr:conflict_name>Iraq: Government</ogr:conflict_name>
      <ogr:dyad_dset_id>799</ogr:dyad_dset_id>
      <ogr:dyad_new_id>799</ogr:dyad_new_id>
      <ogr:dyad_name>Government of Iraq - IS</ogr:dyad_name>
      <ogr:side_a_dset_id>116</ogr:side_a_dset_id>
      <ogr:side_a_new_id>116</ogr:side_a_new_id>
      <ogr:side_a>Government of Iraq</ogr:side_a>
      <ogr:side_b_dset_id>234</ogr:side_b_dset_id>
      <ogr:side_b_new_id>234</ogr:side_b_new_id>
      <ogr:side_b>IS</ogr:side_b>
      <ogr:number_of_sources>2</ogr:number_of_sources>
      <ogr:source_article></ogr:source_article>
      <ogr:source_office>Reuters</ogr:source_office>
      <ogr:source_date></ogr:source_date>
      <ogr:source_headline></ogr:source_headline>
      <ogr:source_original></ogr:source_original>
      <ogr:where_prec>3</ogr:where_prec>
      <ogr:where_coordinates>Baghdad Embassy</ogr:where_coordinates>
      <ogr:where_description>Baghdad Embassy (town)</ogr:where_description>
      <ogr:adm_1>Baghdad governorate</ogr:adm_1>
      <ogr:adm_2></ogr:adm_2>
      <ogr:latitude>33.2901</ogr:latitude>
      <ogr:longitude>44.4058</ogr:longitude>
      <ogr:geom_wkt>POINT (44.4058 33.2901)</ogr:geom_wkt>
      <ogr:priogrid_gid>150003</ogr:priogrid_gid>
      <ogr:country>Iraq</ogr:country>
      <ogr:country_id>645</ogr:country_id>
      <ogr:region>Middle East</ogr:region>
      <ogr:event_clarity>1</ogr:event_clarity>
      <ogr:date_prec>1</ogr:date_prec>
      <ogr:date_start>2022-05-27T00:00:00</ogr:date_start>
      <ogr:date_end>2022-05-27T00:00:00</ogr:date_end>
      <ogr:deaths_a>0</ogr:deaths_a>
      <ogr:deaths_b>2</ogr:deaths_b>
      <ogr:deaths_civilians>0</ogr:deaths_civilians>
      <ogr:deaths_unknown>0</ogr:deaths_unknown>
      <ogr:best>2</ogr:best>
      <ogr:high>3</ogr:high>
      <ogr:low>2</ogr:low>
      <ogr:gwnoa>645</ogr:gwnoa>
      <ogr:gwnob></ogr:gwnob>
    </ogr:ucdp_ged>
  </ogr:featureMember>
  <ogr:featureMember>
    <ogr:ucdp_ged gml:id="ucdp_ged.4">
      <gml:boundedBy><gml:Envelope srsName="urn:ogc:def:crs:EPSG::4326"><gml:lowerCorner>36.2137 43.9289</gml:lowerCorner><gml:upperCorner>36.2137 43.9289</gml:upperCorner></gml:Envelope></gml:boundedBy>
      <ogr:geometryProperty><gml:Point srsName="urn:ogc:def:crs:EPSG::4326" gml:id="ucdp_ged.geom.4"><gml:pos>36.2137 43.9289</gml:pos></gml:Point></ogr:geometryProperty>
      <ogr:id>300004</ogr:id>
      <ogr:relid>IRQ-4</ogr:relid>
      <ogr:year>2022</ogr:year>
      <ogr:active_year>true</ogr:active_year>
      <ogr:code_status>Clear</ogr:code_status>
      <ogr:type_of_violence>2</ogr:type_of_violence>
      <ogr:conflict_dset_id>259</ogr:conflict_dset_id>
      <ogr:conflict_new_id>259</ogr:conflict_new_id>
      <ogr:conflict_name>Iraq: Government</ogr:conflict_name>
      <ogr:dyad_dset_id>799</ogr:dyad_dset_id>
      <ogr:dyad_new_id>799</ogr:dyad_new_id>
      <ogr:dyad_name>Government of Iraq - IS</ogr:dyad_name>
      <ogr:side_a_dset_id>116</ogr:side_a_dset_id>
      <ogr:side_a_new_id>116</ogr:side_a_new_id>
      <ogr:side_a>Government of Iraq</ogr:side_a>
      <ogr:side_b_dset_id>234</ogr:side_b_dset_id>
      <ogr:side_b_new_id>234</ogr:side_b_new_id>
      <ogr:side_b>IS</ogr:side_b>
      <ogr:number_of_sources>2</ogr:number_of_sources>
      <ogr:source_article></ogr:source_article>
      <ogr:source_office>Reuters</ogr:source_office>
      <ogr:source_date></ogr:source_date>
      <ogr:source_headline></ogr:source_headline>
      <ogr:source_original></ogr:source_original>
      <ogr:where_prec>2</ogr:where_prec>
      <ogr:where_coordinates>Erbil International Airport</ogr:where_coordinates>
      <ogr:where_description>Erbil International Airport (town)</ogr:where_description>
      <ogr:adm_1>Erbil governorate</ogr:adm_1>
      <ogr:adm_2></ogr:adm_2>
      <ogr:latitude>36.2137</ogr:latitude>
      <ogr:longitude>43.9289</ogr:longitude>
      <ogr:geom_wkt>POINT (43.9289 36.2137)</ogr:geom_wkt>
      <ogr:priogrid_gid>150004</ogr:priogrid_gid>
      <ogr:country>Iraq</ogr:country>
      <ogr:country_id>645</ogr:country_id>
      <ogr:region>Middle East</ogr:region>
      <ogr:event_clarity>1</ogr:event_clarity>
      <ogr:date_prec>1</ogr:date_prec>
      <ogr:date_start>2022-10-18T00:00:00</ogr:date_start>
      <ogr:date_end>2022-10-18T00:00:00</ogr:date_end>
      <ogr:deaths_a>0</ogr:deaths_a>
      <ogr:deaths_b>2</ogr:deaths_b>
      <ogr:deaths_civilians>0</ogr:deaths_civilians>
      <ogr:deaths_unknown>0</ogr:deaths_unknown>
      <ogr:best>2</ogr:best>
      <ogr:high>3</ogr:high>
      <ogr:low>2</ogr:low>
      <ogr:gwnoa>645</ogr:gwnoa>
      <ogr:gwnob></ogr:gwnob>
    </ogr:ucdp_ged>
  </ogr:featureMember>
  <ogr:featureMember>
    <ogr:ucdp_ged gml:id="ucdp_ged.5">
      <gml:boundedBy><gml:Envelope srsName="urn:ogc:def:crs:EPSG::4326"><gml:lowerCorner>33.4857 38.6355</gml:lowerCorner><gml:upperCorner>33.4857 38.6355</gml:upperCorner></gml:Envelope></gml:boundedBy>
      <ogr:geometryProperty><gml:Point srsName="urn:ogc:def:crs:EPSG::4326" gml:id="ucdp_ged.geom.5"><gml:pos>33.4857 38.6355</gml:pos></gml:Point></ogr:geometryProperty>
      <ogr:id>300005</ogr:id>
      <ogr:relid>IRQ-5</ogr:relid>
      <ogr:year>2024</ogr:year>
      <ogr:active_year>true</ogr:active_year>
      <ogr:code_status>Clear</ogr:code_status>
      <ogr:type_of_violence>2</ogr:type_of_violence>
      <ogr:conflict_dset_id>259</ogr:conflict_dset_id>
      <ogr:conflict_new_id>259</ogr:conflict_new_id>
      <ogr:conflict_name>Iraq: Government</ogr:conflict_name>
      <ogr:dyad_dset_id>799</ogr:dyad_dset_id>
      <ogr:dyad_new_id>799</ogr:dyad_new_id>
      <ogr:dyad_name>Government of Iraq - IS</ogr:dyad_name>
      <ogr:side_a_dset_id>116</ogr:side_a_dset_id>
      <ogr:side_a_new_id>116</ogr:side_a_new_id>
      <ogr:side_a>Government of Iraq</ogr:side_a>
      <ogr:side_b_dset_id>234</ogr:side_b_dset_id>
      <ogr:side_b_new_id>234</ogr:side_b_new_id>
      <ogr:side_b>IS</ogr:side_b>
      <ogr:number_of_sources>2</ogr:number_of_sources>
      <ogr:source_article></ogr:source_article>
      <ogr:source_office>Reuters</ogr:source_office>
      <ogr:source_date></ogr:source_date>
      <ogr:source_headline></ogr:source_headline>
      <ogr:source_original></ogr:source_original>
      <ogr:where_prec>1</ogr:where_prec>
      <ogr:where_coordinates>Al-Tanf</ogr:where_coordinates>
      <ogr:where_description>Al-Tanf (town)</ogr:where_description>
      <ogr:adm_1>Rif Dimashq governorate</ogr:adm_1>
      <ogr:adm_2></ogr:adm_2>
      <ogr:latitude>33.4857</ogr:latitude>
      <ogr:longitude>38.6355</ogr:longitude>
      <ogr:geom_wkt>POINT (38.6355 33.4857)</ogr:geom_wkt>
      <ogr:priogrid_gid>150005</ogr:priogrid_gid>
      <ogr:country>Syria</ogr:country>
      <ogr:country_id>645</ogr:country_id>
      <ogr:region>Middle East</ogr:region>
      <ogr:event_clarity>1</ogr:event_clarity>
      <ogr:date_prec>1</ogr:date_prec>
      <ogr:date_start>2024-03-26T00:00:00</ogr:date_start>
      <ogr:date_end>2024-03-26T00:00:00</ogr:date_end>
      <ogr:deaths_a>0</ogr:deaths_a>
      <ogr:deaths_b>2</ogr:deaths_b>
      <ogr:deaths_civilians>0</ogr:deaths_civilians>
      <ogr:deaths_unknown>0</ogr:deaths_unknown>
      <ogr:best>2</ogr:best>
      <ogr:high>3</ogr:high>
      <ogr:low>2</ogr:low>
      <ogr:gwnoa>645</ogr:gwnoa>
      <ogr:gwnob></ogr:gwnob>
    </ogr:ucdp_ged>
  </ogr:featureMember>
  <ogr:featureMember>
    <ogr:ucdp_ged gml:id="ucdp_ged.6">
      <gml:boundedBy><gml:Envelope srsName="urn:ogc:def:crs:EPSG::4326"><gml:lowerCorner>46.5314 30.7702</gml:lowerCorner><gml:upperCorner>46.5314 30.7702</gml:upperCorner></gml:Envelope></gml:boundedBy>
      <ogr:geometryProperty><gml:Point srsName="urn:ogc:def:crs:EPSG::4326" gml:id="ucdp_ged.geom.6"><gml:pos>46.5314 30.7702</gml:pos></gml:Point></ogr:geometryProperty>
      <ogr:id>300006</ogr:id>
      <ogr:relid>IRQ-6</ogr:relid>
      <ogr:year>2021</ogr:year>
      <ogr:active_year>true</ogr:active_year>
      <ogr:code_status>Clear</ogr:code_status>
      <ogr:type_of_violence>1</ogr:type_of_violence>
      <ogr:conflict_dset_id>259</ogr:conflict_dset_id>
      <ogr:conflict_new_id>259</ogr:conflict_new_id>
      <ogr:conflict_name>Iraq: Government</ogr:conflict_name>
      <ogr:dyad_dset_id>799</ogr:dyad_dset_id>
      <ogr:dyad_new_id>799</ogr:dyad_new_id>
      <ogr:dyad_name>Government of Iraq - IS</ogr:dyad_name>
      <ogr:side_a_dset_id>116</ogr:side_a_dset_id>
      <ogr:side_a_new_id>116</ogr:side_a_new_id>
      <ogr:side_a>Government of Iraq</ogr:side_a>
      <ogr:side_b_dset_id>234</ogr:side_b_dset_id>
      <ogr:side_b_new_id>234</ogr:side_b_new_id>
      <ogr:side_b>IS</ogr:side_b>
      <ogr:number_of_sources>2</ogr:number_of_sources>
      <ogr:source_article></ogr:source_article>
      <ogr:source_office>Reuters</ogr:source_office>
      <ogr:source_date></ogr:source_date>
      <ogr:source_headline></ogr:source_headline>
      <ogr:source_original></ogr:source_original>
      <ogr:where_prec>3</ogr:where_prec>
      <ogr:where_coordinates>Odesa</ogr:where_coordinates>
      <ogr:where_description>Odesa (town)</ogr:where_description>
      <ogr:adm_1>Odeska governorate</ogr:adm_1>
      <ogr:adm_2></ogr:adm_2>
      <ogr:latitude>46.5314</ogr:latitude>
      <ogr:longitude>30.7702</ogr:longitude>
      <ogr:geom_wkt>POINT (30.7702 46.5314)</ogr:geom_wkt>
      <ogr:priogrid_gid>150006</ogr:priogrid_gid>
      <ogr:country>Ukraine</ogr:country>
      <ogr:country_id>645</ogr:country_id>
      <ogr:region>Middle East</ogr:region>
      <ogr:event_clarity>1</ogr:event_clarity>
      <ogr:date_prec>1</ogr:date_prec>
      <ogr:date_start>2021-04-18T00:00:00</ogr:date_start>
      <ogr:date_end>2021-04-18T00:00:00</ogr:date_end>
      <ogr:deaths_a>0</ogr:deaths_a>
      <ogr:deaths_b>2</ogr:deaths_b>
      <ogr:deaths_civilians>0</ogr:deaths_civilians>
      <ogr:deaths_unknown>0</ogr:deaths_unknown>
      <ogr:best>2</ogr:best>
      <ogr:high>3</ogr:high>
      <ogr:low>2</ogr:low>
      <ogr:gwnoa>645</ogr:gwnoa>
      <ogr:gwnob></ogr:gwnob>
    </ogr:ucdp_ged>
  </ogr:featureMember>
  <ogr:featureMember>
    <ogr:ucdp_ged gml:id="ucdp_ged.7">
      <gml:boundedBy><gml:Envelope srsName="urn:ogc:def:crs:EPSG::4326"><gml:lowerCorner>33.2531 44.368</gml:lowerCorner><gml:upperCorner>33.2531 44.368</gml:upperCorner></gml:Envelope></gml:boundedBy>
      <ogr:geometryProperty><gml:Point srsName="urn:ogc:def:crs:EPSG::4326" gml:id="ucdp_ged.geom.7"><gml:pos>33.2531 44.368</gml:pos></gml:Point></ogr:geometryProperty>
      <ogr:id>300007</ogr:id>
      <ogr:relid>IRQ-7</ogr:relid>
      <ogr:year>2022</ogr:year>
      <ogr:active_year>true</ogr:active_year>
      <ogr:code_status>Clear</ogr:code_status>
      <ogr:type_of_violence>2</ogr:type_of_violence>
      <ogr:conflict_dset_id>259</ogr:conflict_dset_id>
      <ogr:conflict_new_id>259</ogr:conflict_new_id>
      <ogr:conflict_name>Iraq: Government</ogr:conflict_name>
      <ogr:dyad_dset_id>799</ogr:dyad_dset_id>
      <ogr:dyad_new_id>799</ogr:dyad_new_id>
      <ogr:dyad_name>Government of Iraq - IS</ogr:dyad_name>
      <ogr:side_a_dset_id>116</ogr:side_a_dset_id>
      <ogr:side_a_new_id>116</ogr:side_a_new_id>
      <ogr:side_a>Government of Iraq</ogr:side_a>
      <ogr:side_b_dset_id>234</ogr:side_b_dset_id>
      <ogr:side_b_new_id>234</ogr:side_b_new_id>
      <ogr:side_b>IS</ogr:side_b>
      <ogr:number_of_sources>2</ogr:number_of_sources>
      <ogr:source_article></ogr:source_article>
      <ogr:source_office>Reuters</ogr:source_office>
      <ogr:source_date></ogr:source_date>
      <ogr:source_headline></ogr:source_headline>
      <ogr:source_original></ogr:source_original>
      <ogr:where_prec>4</ogr:where_prec>
      <ogr:where_coordinates>Baghdad Embassy</ogr:where_coordinates>
      <ogr:where_description>Baghdad Embassy (town)</ogr:where_description>
      <ogr:adm_1>Baghdad governorate</ogr:adm_1>
      <ogr:adm_2></ogr:adm_2>
      <ogr:latitude>33.2531</ogr:latitude>
      <ogr:longitude>44.368</ogr:longitude>
      <ogr:geom_wkt>POINT (44.3680 33.2531)</ogr:geom_wkt>
      <ogr:priogrid_gid>150007</ogr:priogrid_gid>
      <ogr:country>Iraq</ogr:country>
      <ogr:country_id>645</ogr:country_id>
      <ogr:region>Middle East</ogr:region>
      <ogr:event_clarity>1</ogr:event_clarity>
      <ogr:date_prec>2</ogr:date_prec>
      <ogr:date_start>2022-10-22T00:00:00</ogr:date_start>
      <ogr:date_end>2022-10-25T00:00:00</ogr:date_end>
      <ogr:deaths_a>0</ogr:deaths_a>
      <ogr:deaths_b>2</ogr:deaths_b>
      <ogr:deaths_civilians>0</ogr:deaths_civilians>
      <ogr:deaths_unknown>0</ogr:deaths_unknown>
      <ogr:best>2</ogr:best>
      <ogr:high>3</ogr:high>
      <ogr:low>2</ogr:low>
      <ogr:gwnoa>645</ogr:gwnoa>
      <ogr:gwnob></ogr:gwnob>
    </ogr:ucdp_ged>
  </ogr:featureMember>
  <ogr:featureMember>
    <ogr:ucdp_ged gml:id="ucdp_ged.8">
      <gml:boundedBy><gml:Envelope srsName="urn:ogc:def:crs:EPSG::4326"><gml:lowerCorner>33.4918 38.6544</gml:lowerCorner><gml:upperCorner>33.4918 38.6544</gml:upperCorner></gml:Envelope></gml:boundedBy>
      <ogr:geometryProperty><gml:Point srsName="urn:ogc:def:crs:EPSG::4326" gml:id="ucdp_ged.geom.8"><gml:pos>33.4918 38.6544</gml:pos></gml:Point></ogr:geometryProperty>
      <ogr:id>300008</ogr:id>
      <ogr:relid>IRQ-8</ogr:relid>
      <ogr:year>2020</ogr:year>
      <ogr:active_year>true</ogr:active_year>
      <ogr:code_status>Clear</ogr:code_status>
      <ogr:type_of_violence>2</ogr:type_of_violence>
      <ogr:conflict_dset_id>259</ogr:conflict_dset_id>
      <ogr:conflict_new_id>259</ogr:conflict_new_id>
      <ogr:conflict_name>Iraq: Government</ogr:conflict_name>
      <ogr:dyad_dset_id>799</ogr:dyad_dset_id>
      <ogr:dyad_new_id>799</ogr:dyad_new_id>
      <ogr:dyad_name>Government of Iraq - IS</ogr:dyad_name>
      <ogr:side_a_dset_id>116</ogr:side_a_dset_id>
      <ogr:side_a_new_id>116</ogr:side_a_new_id>
      <ogr:side_a>Government of Iraq</ogr:side_a>
      <ogr:side_b_dset_id>234</ogr:side_b_dset_id>
      <ogr:side_b_new_id>234</ogr:side_b_new_id>
      <ogr:side_b>IS</ogr:side_b>
      <ogr:number_of_sources>2</ogr:number_of_sources>
      <ogr:source_article></ogr:source_article>
      <ogr:source_office>Reuters</ogr:source_office>
      <ogr:source_date></ogr:source_date>
      <ogr:source_headline></ogr:source_headline>
      <ogr:source_original></ogr:source_original>
      <ogr:where_prec>5</ogr:where_prec>
      <ogr:where_coordinates>Al-Tanf</ogr:where_coordinates>
      <ogr:where_description>Al-Tanf (town)</ogr:where_description>
      <ogr:adm_1>Rif Dimashq governorate</ogr:adm_1>
      <ogr:adm_2></ogr:adm_2>
      <ogr:latitude>33.4918</ogr:latitude>
      <ogr:longitude>38.6544</ogr:longitude>
      <ogr:geom_wkt>POINT (38.6544 33.4918)</ogr:geom_wkt>
      <ogr:priogrid_gid>150008</ogr:priogrid_gid>
      <ogr:country>Syria</ogr:country>
      <ogr:country_id>645</ogr:country_id>
      <ogr:region>Middle East</ogr:region>
      <ogr:event_clarity>1</ogr:event_clarity>
      <ogr:date_prec>2</ogr:date_prec>
      <ogr:date_start>2020-03-26T00:00:00</ogr:date_start>
      <ogr:date_end>2020-03-29T00:00:00</ogr:date_end>
      <ogr:deaths_a>0</ogr:deaths_a>
      <ogr:deaths_b>2</ogr:deaths_b>
      <ogr:deaths_civilians>0</ogr:deaths_civilians>
      <ogr:deaths_unknown>0</ogr:deaths_unknown>
      <ogr:best>2</ogr:best>
      <ogr:high>3</ogr:high>
      <ogr:low>2</ogr:low>
      <ogr:gwnoa>645</ogr:gwnoa>
      <ogr:gwnob></ogr:gwnob>
    </ogr:ucdp_ged>
  </ogr:featureMember>
  <ogr:featureMember>
    <ogr:ucdp_ged gml:id="ucdp_ged.9">
      <gml:boundedBy><gml:Envelope srsName="urn:ogc:def:crs:EPSG::4326"><gml:lowerCorner>36.2794 43.9306</gml:lowerCorner><gml:upperCorner>36.2794 43.9306</gml:upperCorner></gml:Envelope></gml:boundedBy>
      <ogr:geometryProperty><gml:Point srsName="urn:ogc:def:crs:EPSG::4326" gml:id="ucdp_ged.geom.9"><gml:pos>36.2794 43.9306</gml:pos></gml:Point></ogr:geometryProperty>
      <ogr:id>300009</ogr:id>
      <ogr:relid>IRQ-9</ogr:relid>
      <ogr:year>2020</ogr:year>
      <ogr:active_year>true</ogr:active_year>
      <ogr:code_status>Clear</ogr:code_status>
      <ogr:type_of_violence>3</ogr:type_of_violence>
      <ogr:conflict_dset_id>259</ogr:conflict_dset_id>
      <ogr:conflict_new_id>259</ogr:conflict_new_id>
      <ogr:conflict_name>Iraq: Government</ogr:conflict_name>
      <ogr:dyad_dset_id>799</ogr:dyad_dset_id>
      <ogr:dyad_new_id>799</ogr:dyad_new_id>
      <ogr:dyad_name>Government of Iraq - IS</ogr:dyad_name>
      <ogr:side_a_dset_id>116</ogr:side_a_dset_id>
      <ogr:side_a_new_id>116</ogr:side_a_new_id>
      <ogr:side_a>Government of Iraq</ogr:side_a>
      <ogr:side_b_dset_id>234</ogr:side_b_dset_id>
      <ogr:side_b_new_id>234</ogr:side_b_new_id>
      <ogr:side_b>IS</ogr:side_b>
      <ogr:number_of_sources>2</ogr:number_of_sources>
      <ogr:source_article></ogr:source_article>
      <ogr:source_office>Reuters</ogr:source_office>
      <ogr:source_date></ogr:source_date>
      <ogr:source_headline></ogr:source_headline>
      <ogr:source_original></ogr:source_original>
      <ogr:where_prec>3</ogr:where_prec>
      <ogr:where_coordinates>Erbil International Airport</ogr:where_coordinates>
      <ogr:where_description>Erbil International Airport (town)</ogr:where_description>
      <ogr:adm_1>Erbil governorate</ogr:adm_1>
      <ogr:adm_2></ogr:adm_2>
      <ogr:latitude>36.2794</ogr:latitude>
      <ogr:longitude>43.9306</ogr:longitude>
      <ogr:geom_wkt>POINT (43.9306 36.2794)</ogr:geom_wkt>
      <ogr:priogrid_gid>150009</ogr:priogrid_gid>
      <ogr:country>Iraq</ogr:country>
      <ogr:country_id>645</ogr:country_id>
      <ogr:region>Middle East</ogr:region>
      <ogr:event_clarity>1</ogr:event_clarity>
      <ogr:date_prec>2</ogr:date_prec>
      <ogr:date_start>2020-10-09T00:00:00</ogr:date_start>
      <ogr:date_end>2020-10-12T00:00:00</ogr:date_end>
      <ogr:deaths_a>0</ogr:deaths_a>
      <ogr:deaths_b>2</ogr:deaths_b>
      <ogr:deaths_civilians>0</ogr:deaths_civilians>
      <ogr:deaths_unknown>0</ogr:deaths_unknown>
      <ogr:best>2</ogr:best>
      <ogr:high>3</ogr:high>
      <ogr:low>2</ogr:low>
      <ogr:gwnoa>645</ogr:gwnoa>
      <ogr:gwnob></ogr:gwnob>
    </ogr:ucdp_ged>
  </ogr:featureMember>
  <ogr:featureMember>
    <ogr:ucdp_ged gml:id="ucdp_ged.10">
      <gml:boundedBy><gml:Envelope srsName="urn:ogc:def:crs:EPSG::4326"><gml:lowerCorner>35.3613 40.3272</gml:lowerCorner><gml:upperCorner>35.3613 40.3272</gml:upperCorner></gml:Envelope></gml:boundedBy>
      <ogr:geometryProperty><gml:Point srsName="urn:ogc:def:crs:EPSG::4326" gml:id="ucdp_ged.geom.10"><gml:pos>35.3613 40.3272</gml:pos></gml:Point></ogr:geometryProperty>
      <ogr:id>300010</ogr:id>
      <ogr:relid>IRQ-10</ogr:relid>
      <ogr:year>2022</ogr:year>
      <ogr:active_year>true</ogr:active_year>
      <ogr:code_status>Clear</ogr:code_status>
      <ogr:type_of_violence>1</ogr:type_of_violence>
      <ogr:conflict_dset_id>259</ogr:conflict_dset_id>
      <ogr:conflict_new_id>259</ogr:conflict_new_id>
      <ogr:conflict_name>Iraq: Government</ogr:conflict_name>
      <ogr:dyad_dset_id>799</ogr:dyad_dset_id>
      <ogr:dyad_new_id>799</ogr:dyad_new_id>
      <ogr:dyad_name>Government of Iraq - IS</ogr:dyad_name>
      <ogr:side_a_dset_id>116</ogr:side_a_dset_id>
      <ogr:side_a_new_id>116</ogr:side_a_new_id>
      <ogr:side_a>Government of Iraq</ogr:side_a>
      <ogr:side_b_dset_id>234</ogr:side_b_dset_id>
      <ogr:side_b_new_id>234</ogr:side_b_new_id>
      <ogr:side_b>IS</ogr:side_b>
      <ogr:number_of_sources>2</ogr:number_of_sources>
      <ogr:source_article></ogr:source_article>
      <ogr:source_office>Reuters</ogr:source_office>
      <ogr:source_date></ogr:source_date>
      <ogr:source_headline></ogr:source_headline>
      <ogr:source_original></ogr:source_original>
      <ogr:where_prec>5</ogr:where_prec>
      <ogr:where_coordinates>Conoco gas field</ogr:where_coordinates>
      <ogr:where_description>Conoco gas field (town)</ogr:where_description>
      <ogr:adm_1>Deir ez-Zor governorate</ogr:adm_1>
      <ogr:adm_2></ogr:adm_2>
      <ogr:latitude>35.3613</ogr:latitude>
      <ogr:longitude>40.3272</ogr:longitude>
      <ogr:geom_wkt>POINT (40.3272 35.3613)</ogr:geom_wkt>
      <ogr:priogrid_gid>150010</ogr:priogrid_gid>
      <ogr:country>Syria</ogr:country>
      <ogr:country_id>645</ogr:country_id>
      <ogr:region>Middle East</ogr:region>
      <ogr:event_clarity>1</ogr:event_clarity>
      <ogr:date_prec>1</ogr:date_prec>
      <ogr:date_start>2022-09-13T00:00:00</ogr:date_start>
      <ogr:date_end>2022-09-13T00:00:00</ogr:date_end>
      <ogr:deaths_a>0</ogr:deaths_a>
      <ogr:deaths_b>2</ogr:deaths_b>
      <ogr:deaths_civilians>0</ogr:deaths_civilians>
      <ogr:deaths_unknown>0</ogr:deaths_unknown>
      <ogr:best>2</ogr:best>
      <ogr:high>3</ogr:high>
      <ogr:low>2</ogr:low>
      <ogr:gwnoa>645</ogr:gwnoa>
      <ogr:gwnob></ogr:gwnob>
    </ogr:ucdp_ged>
  </ogr:featureMember>
  <ogr:featureMember>
    <ogr:ucdp_ged gml:id="ucdp_ged.11">
      <gml:boundedBy><gml:Envelope srsName="urn:ogc:def:crs:EPSG::4326"><gml:lowerCorner>50.0432 36.227</gml:lowerCorner><gml:upperCorner>50.0432 36.227</gml:upperCorner></gml:Envelope></gml:boundedBy>
      <ogr:geometryProperty><gml:Point srsName="urn:ogc:def:crs:EPSG::4326" gml:id="ucdp_ged.geom.11"><gml:pos>50.0432 36.227</gml:pos></gml:Point></ogr:geometryProperty>
      <ogr:id>300011</ogr:id>
      <ogr:relid>IRQ-11</ogr:relid>
      <ogr:year>2021</ogr:year>
      <ogr:active_year>true</ogr:active_year>
      <ogr:code_status>Clear</ogr:code_status>
      <ogr:type_of_violence>3</ogr:type_of_violence>
      <ogr:conflict_dset_id>259</ogr:conflict_dset_id>
      <ogr:conflict_new_id>259</ogr:conflict_new_id>
      <ogr:conflict_name>Iraq: Government</ogr:conflict_name>
      <ogr:dyad_dset_id>799</ogr:dyad_dset_id>
      <ogr:dyad_new_id>799</ogr:dyad_new_id>
      <ogr:dyad_name>Government of Iraq - IS</ogr:dyad_name>
      <ogr:side_a_dset_id>116</ogr:side_a_dset_id>
      <ogr:side_a_new_id>116</ogr:side_a_new_id>
      <ogr:side_a>Government of Iraq</ogr:side_a>
      <ogr:side_b_dset_id>234</ogr:side_b_dset_id>
      <ogr:side_b_new_id>234</ogr:side_b_new_id>
      <ogr:side_b>IS</ogr:side_b>
      <ogr:number_of_sources>2</ogr:number_of_sources>
      <ogr:source_article></ogr:source_article>
      <ogr:source_office>Reuters</ogr:source_office>
      <ogr:source_date></ogr:source_date>
      <ogr:source_headline></ogr:source_headline>
      <ogr:source_original></ogr:source_original>
      <ogr:where_prec>7</ogr:where_prec>
      <ogr:where_coordinates>Kharkiv</ogr:where_coordinates>
      <ogr:where_description>Kharkiv (town)</ogr:where_description>
      <ogr:adm_1>Kharkivska governorate</ogr:adm_1>
      <ogr:adm_2></ogr:adm_2>
      <ogr:latitude>50.0432</ogr:latitude>
      <ogr:longitude>36.227</ogr:longitude>
      <ogr:geom_wkt>POINT (36.2270 50.0432)</ogr:geom_wkt>
      <ogr:priogrid_gid>150011</ogr:priogrid_gid>
      <ogr:country>Ukraine</ogr:country>
      <ogr:country_id>645</ogr:country_id>
      <ogr:region>Middle East</ogr:region>
      <ogr:event_clarity>1</ogr:event_clarity>
      <ogr:date_prec>2</ogr:date_prec>
      <ogr:date_start>2021-07-05T00:00:00</ogr:date_start>
      <ogr:date_end>2021-07-08T00:00:00</ogr:date_end>
      <ogr:deaths_a>0</ogr:deaths_a>
      <ogr:deaths_b>2</ogr:deaths_b>
      <ogr:deaths_civilians>0</ogr:deaths_civilians>
      <ogr:deaths_unknown>0</ogr:deaths_unknown>
      <ogr:best>2</ogr:best>
      <ogr:high>3</ogr:high>
      <ogr:low>2</ogr:low>
      <ogr:gwnoa>645</ogr:gwnoa>
      <ogr:gwnob></ogr:gwnob>
    </ogr:ucdp_ged>
  </ogr:featureMember>
  <ogr:featureMember>
    <ogr:ucdp_ged gml:id="ucdp_ged.12">
      <gml:boundedBy><gml:Envelope srsName="urn:ogc:def:crs:EPSG::4326"><gml:lowerCorner>49.9811 36.2314</gml:lowerCorner><gml:upperCorner>49.9811 36.2314</gml:upperCorner></gml:Envelope></gml:boundedBy>
      <ogr:geometryProperty><gml:Point srsName="urn:ogc:def:crs:EPSG::4326" gml:id="ucdp_ged.geom.12"><gml:pos>49.9811 36.2314</gml:pos></gml:Point></ogr:geometryProperty>
      <ogr:id>300012</ogr:id>
      <ogr:relid>IRQ-12</ogr:relid>
      <ogr:year>2022</ogr:year>
      <ogr:active_year>true</ogr:active_year>
      <ogr:code_status>Clear</ogr:code_status>
      <ogr:type_of_violence>2</ogr:type_of_violence>
      <ogr:conflict_dset_id>259</ogr:conflict_dset_id>
      <ogr:conflict_new_id>259</ogr:conflict_new_id>
      <ogr:conflict_name>Iraq: Government</ogr:conflict_name>
      <ogr:dyad_dset_id>799</ogr:dyad_dset_id>
      <ogr:dyad_new_id>799</ogr:dyad_new_id>
      <ogr:dyad_name>Government of Iraq - IS</ogr:dyad_name>
      <ogr:side_a_dset_id>116</ogr:side_a_dset_id>
      <ogr:side_a_new_id>116</ogr:side_a_new_id>
      <ogr:side_a>Government of Iraq</ogr:side_a>
      <ogr:side_b_dset_id>234</ogr:side_b_dset_id>
      <ogr:side_b_new_id>234</ogr:side_b_new_id>
      <ogr:side_b>IS</ogr:side_b>
      <ogr:number_of_sources>2</ogr:number_of_sources>
      <ogr:source_article></ogr:source_article>
      <ogr:source_office>Reuters</ogr:source_office>
      <ogr:source_date></ogr:source_date>
      <ogr:source_headline></ogr:source_headline>
      <ogr:source_original></ogr:source_original>
      <ogr:where_prec>3</ogr:where_prec>
      <ogr:where_coordinates>Kharkiv</ogr:where_coordinates>
      <ogr:where_description>Kharkiv (town)</ogr:where_description>
      <ogr:adm_1>Kharkivska governorate</ogr:adm_1>
      <ogr:adm_2></ogr:adm_2>
      <ogr:latitude>49.9811</ogr:latitude>
      <ogr:longitude>36.2314</ogr:longitude>
      <ogr:geom_wkt>POINT (36.2314 49.9811)</ogr:geom_wkt>
      <ogr:priogrid_gid>150012</ogr:priogrid_gid>
      <ogr:country>Ukraine</ogr:country>
      <ogr:country_id>645</ogr:country_id>
      <ogr:region>Middle East</ogr:region>
      <ogr:event_clarity>1</ogr:event_clarity>
      <ogr:date_prec>1</ogr:date_prec>
      <ogr:date_start>2022-12-22T00:00:00</ogr:date_start>
      <ogr:date_end>2022-12-22T00:00:00</ogr:date_end>
      <ogr:deaths_a>0</ogr:deaths_a>
      <ogr:deaths_b>2</ogr:deaths_b>
      <ogr:deaths_civilians>0</ogr:deaths_civilians>
      <ogr:deaths_unknown>0</ogr:deaths_unknown>
      <ogr:best>2</ogr:best>
      <ogr:high>3</ogr:high>
      <ogr:low>2</ogr:low>
      <ogr:gwnoa>645</ogr:gwnoa>
      <ogr:gwnob></ogr:gwnob>
    </ogr:ucdp_ged>
  </ogr:featureMember>
  <ogr:featureMember>
    <ogr:ucdp_ged gml:id="ucdp_ged.13">
      <gml:boundedBy><gml:Envelope srsName="urn:ogc:def:crs:EPSG::4326"><gml:lowerCorner>50.4684 30.5583</gml:lowerCorner><gml:upperCorner>50.4684 30.5583</gml:upperCorner></gml:Envelope></gml:boundedBy>
      <ogr:geometryProperty><gml:Point srsName="urn:ogc:def:crs:EPSG::4326" gml:id="ucdp_ged.geom.13"><gml:pos>50.4684 30.5583</gml:pos></gml:Point></ogr:geometryProperty>
      <ogr:id>300013</ogr:id>
      <ogr:relid>IRQ-13</ogr:relid>
      <ogr:year>2020</ogr:year>
      <ogr:active_year>true</ogr:active_year>
      <ogr:code_status>Clear</ogr:code_status>
      <ogr:type_of_violence>1</ogr:type_of_violence>
      <ogr:conflict_dset_id>259</ogr:conflict_dset_id>
      <ogr:conflict_new_id>259</ogr:conflict_new_id>
      <ogr:conflict_name>Iraq: Government</ogr:conflict_name>
      <ogr:dyad_dset_id>799</ogr:dyad_dset_id>
      <ogr:dyad_new_id>799</ogr:dyad_new_id>
      <ogr:dyad_name>Government of Iraq - IS</ogr:dyad_name>
      <ogr:side_a_dset_id>116</ogr:side_a_dset_id>
      <ogr:side_a_new_id>116</ogr:side_a_new_id>
      <ogr:side_a>Government of Iraq</ogr:side_a>
      <ogr:side_b_dset_id>234</ogr:side_b_dset_id>
      <ogr:side_b_new_id>234</ogr:side_b_new_id>
      <ogr:side_b>IS</ogr:side_b>
      <ogr:number_of_sources>2</ogr:number_of_sources>
      <ogr:source_article></ogr:source_article>
      <ogr:source_office>Reuters</ogr:source_office>
      <ogr:source_date></ogr:source_date>
      <ogr:source_headline></ogr:source_headline>
      <ogr:source_original></ogr:source_original>
      <ogr:where_prec>2</ogr:where_prec>
      <ogr:where_coordinates>Kyiv</ogr:where_coordinates>
      <ogr:where_description>Kyiv (town)</ogr:where_description>
      <ogr:adm_1>Kyiv governorate</ogr:adm_1>
      <ogr:adm_2></ogr:adm_2>
      <ogr:latitude>50.4684</ogr:latitude>
      <ogr:longitude>30.5583</ogr:longitude>
      <ogr:geom_wkt>POINT (30.5583 50.4684)</ogr:geom_wkt>
      <ogr:priogrid_gid>150013</ogr:priogrid_gid>
      <ogr:country>Ukraine</ogr:country>
      <ogr:country_id>645</ogr:country_id>
      <ogr:region>Middle East</ogr:region>
      <ogr:event_clarity>1</ogr:event_clarity>
      <ogr:date_prec>4</ogr:date_prec>
      <ogr:date_start>2020-01-20T00:00:00</ogr:date_start>
      <ogr:date_end>2020-02-09T00:00:00</ogr:date_end>
      <ogr:deaths_a>0</ogr:deaths_a>
      <ogr:deaths_b>2</ogr:deaths_b>
      <ogr:deaths_civilians>0</ogr:deaths_civilians>
      <ogr:deaths_unknown>0</ogr:deaths_unknown>
      <ogr:best>2</ogr:best>
      <ogr:high>3</ogr:high>
      <ogr:low>2</ogr:low>
      <ogr:gwnoa>645</ogr:gwnoa>
      <ogr:gwnob></ogr:gwnob>
    </ogr:ucdp_ged>
  </ogr:featureMember>
  <ogr:featureMember>
    <ogr:ucdp_ged gml:id="ucdp_ged.14">
      <gml:boundedBy><gml:Envelope srsName="urn:ogc:def:crs:EPSG::4326"><gml:lowerCorner>36.215 43.9295</gml:lowerCorner><gml:upperCorner>36.215 43.9295</gml:upperCorner></gml:Envelope></gml:boundedBy>
      <ogr:geometryProperty><gml:Point srsName="urn:ogc:def:crs:EPSG::4326" gml:id="ucdp_ged.geom.14"><gml:pos>36.215 43.9295</gml:pos></gml:Point></ogr:geometryProperty>
      <ogr:id>300014</ogr:id>
      <ogr:relid>IRQ-14</ogr:relid>
      <ogr:year>2024</ogr:year>
      <ogr:active_year>true</ogr:active_year>
      <ogr:code_status>Clear</ogr:code_status>
      <ogr:type_of_violence>3</ogr:type_of_violence>
      <ogr:conflict_dset_id>259</ogr:conflict_dset_id>
      <ogr:conflict_new_id>259</ogr:conflict_new_id>
      <ogr:conflict_name>Iraq: Government</ogr:conflict_name>
      <ogr:dyad_dset_id>799</ogr:dyad_dset_id>
      <ogr:dyad_new_id>799</ogr:dyad_new_id>
      <ogr:dyad_name>Government of Iraq - IS</ogr:dyad_name>
      <ogr:side_a_dset_id>116</ogr:side_a_dset_id>
      <ogr:side_a_new_id>116</ogr:side_a_new_id>
      <ogr:side_a>Government of Iraq</ogr:side_a>
      <ogr:side_b_dset_id>234</ogr:side_b_dset_id>
      <ogr:side_b_new_id>234</ogr:side_b_new_id>
      <ogr:side_b>IS</ogr:side_b>
      <ogr:number_of_sources>2</ogr:number_of_sources>
      <ogr:source_article></ogr:source_article>
      <ogr:source_office>Reuters</ogr:source_office>
      <ogr:source_date></ogr:source_date>
      <ogr:source_headline></ogr:source_headline>
      <ogr:source_original></ogr:source_original>
      <ogr:where_prec>7</ogr:where_prec>
      <ogr:where_coordinates>Erbil International Airport</ogr:where_coordinates>
      <ogr:where_description>Erbil International Airport (town)</ogr:where_description>
      <ogr:adm_1>Erbil governorate</ogr:adm_1>
      <ogr:adm_2></ogr:adm_2>
      <ogr:latitude>36.215</ogr:latitude>
      <ogr:longitude>43.9295</ogr:longitude>
      <ogr:geom_wkt>POINT (43.9295 36.2150)</ogr:geom_wkt>
      <ogr:priogrid_gid>150014</ogr:priogrid_gid>
      <ogr:country>Iraq</ogr:country>
      <ogr:country_id>645</ogr:country_id>
      <ogr:region>Middle East</ogr:region>
      <ogr:event_clarity>1</ogr:event_clarity>
      <ogr:date_prec>1</ogr:date_prec>
      <ogr:date_start>2024-03-05T00:00:00</ogr:date_start>
      <ogr:date_end>2024-03-05T00:00:00</ogr:date_end>
      <ogr:deaths_a>0</ogr:deaths_a>
      <ogr:deaths_b>2</ogr:deaths_b>
      <ogr:deaths_civilians>0</ogr:deaths_civilians>
      <ogr:deaths_unknown>0</ogr:deaths_unknown>
      <ogr:best>2</ogr:best>
      <ogr:high>3</ogr:high>
      <ogr:low>2</ogr:low>
      <ogr:gwnoa>645</ogr:gwnoa>
      <ogr:gwnob></ogr:gwnob>
    </ogr:ucdp_ged>
  </ogr:featureMember>
  <ogr:featureMember>
    <ogr:ucdp_ged gml:id="ucdp_ged.15">
      <gml:boundedBy><gml:Envelope srsName="urn:ogc:def:crs:EPSG::4326"><gml:lowerCorner>36.1928 43.9181</gml:lowerCorner><gml:upperCorner>36.1928 43.9181</gml:upperCorner></gml:Envelope></gml:boundedBy>
      <ogr:geometryProperty><gml:Point srsName="urn:ogc:def:crs:EPSG::4326" gml:id="ucdp_ged.geom.15"><gml:pos>36.1928 43.9181</gml:pos></gml:Point></ogr:geometryProperty>
      <ogr:id>300015</ogr:id>
      <ogr:relid>IRQ-15</ogr:relid>
      <ogr:year>2023</ogr:year>
      <ogr:active_year>true</ogr:active_year>
      <ogr:code_status>Clear</ogr:code_status>
      <ogr:type_of_violence>2</ogr:type_of_violence>
      <ogr:conflict_dset_id>259</ogr:conflict_dset_id>
      <ogr:conflict_new_id>259</ogr:conflict_new_id>
      <ogr:conflict_name>Iraq: Government</ogr:conflict_name>
      <ogr:dyad_dset_id>799</ogr:dyad_dset_id>
      <ogr:dyad_new_id>799</ogr:dyad_new_id>
      <ogr:dyad_name>Government of Iraq - IS</ogr:dyad_name>
      <ogr:side_a_dset_id>116</ogr:side_a_dset_id>
      <ogr:side_a_new_id>116</ogr:side_a_new_id>
      <ogr:side_a>Government of Iraq</ogr:side_a>
      <ogr:side_b_dset_id>234</ogr:side_b_dset_id>
      <ogr:side_b_new_id>234</ogr:side_b_new_id>
      <ogr:side_b>IS</ogr:side_b>
      <ogr:number_of_sources>2</ogr:number_of_sources>
      <ogr:source_article></ogr:source_article>
      <ogr:source_office>Reuters</ogr:source_office>
      <ogr:source_date></ogr:source_date>
      <ogr:source_headline></ogr:source_headline>
      <ogr:source_original></ogr:source_original>
      <ogr:where_prec>4</ogr:where_prec>
      <ogr:where_coordinates>Erbil International Airport</ogr:where_coordinates>
      <ogr:where_description>Erbil International Airport (town)</ogr:where_description>
      <ogr:adm_1>Erbil governorate</ogr:adm_1>
      <ogr:adm_2></ogr:adm_2>
      <ogr:latitude>36.1928</ogr:latitude>
      <ogr:longitude>43.9181</ogr:longitude>
      <ogr:geom_wkt>POINT (43.9181 36.1928)</ogr:geom_wkt>
      <ogr:priogrid_gid>150015</ogr:priogrid_gid>
      <ogr:country>Iraq</ogr:country>
      <ogr:country_id>645</ogr:country_id>
      <ogr:region>Middle East</ogr:region>
      <ogr:event_clarity>1</ogr:event_clarity>
      <ogr:date_prec>2</ogr:date_prec>
      <ogr:date_start>2023-08-22T00:00:00</ogr:date_start>
      <ogr:date_end>2023-08-25T00:00:00</ogr:date_end>
      <ogr:deaths_a>0</ogr:deaths_a>
      <ogr:deaths_b>2</ogr:deaths_b>
      <ogr:deaths_civilians>0</ogr:deaths_civilians>
      <ogr:deaths_unknown>0</ogr:deaths_unknown>
      <ogr:best>2</ogr:best>
      <ogr:high>3</ogr:high>
      <ogr:low>2</ogr:low>
      <ogr:gwnoa>645</ogr:gwnoa>
      <ogr:gwnob></ogr:gwnob>
    </ogr:ucdp_ged>
  </ogr:featureMember>
  <ogr:featureMember>
    <ogr:ucdp_ged gml:id="ucdp_ged.16">
      <gml:boundedBy><gml:Envelope srsName="urn:ogc:def:crs:EPSG::4326"><gml:lowerCorner>33.8312 42.4308</gml:lowerCorner><gml:upperCorner>33.8312 42.4308</gml:upperCorner></gml:Envelope></gml:boundedBy>
      <ogr:geometryProperty><gml:Point srsName="urn:ogc:def:crs:EPSG::4326" gml:id="ucdp_ged.geom.16"><gml:pos>33.8312 42.4308</gml:pos></gml:Point></ogr:geometryProperty>
      <ogr:id>300016</ogr:id>
      <ogr:relid>IRQ-16</ogr:relid>
      <ogr:year>2023</ogr:year>
      <ogr:active_year>true</ogr:active_year>
      <ogr:code_status>Clear</ogr:code_status>
      <ogr:type_of_violence>2</ogr:type_of_violence>
      <ogr:conflict_dset_id>259</ogr:conflict_dset_id>
      <ogr:conflict_new_id>259</ogr:conflict_new_id>
      <ogr:conflict_name>Iraq: Government</ogr:conflict_name>
      <ogr:dyad_dset_id>799</ogr:dyad_dset_id>
      <ogr:dyad_new_id>799</ogr:dyad_new_id>
      <ogr:dyad_name>Government of Iraq - IS</ogr:dyad_name>
      <ogr:side_a_dset_id>116</ogr:side_a_dset_id>
      <ogr:side_a_new_id>116</ogr:side_a_new_id>
      <ogr:side_a>Government of Iraq</ogr:side_a>
      <ogr:side_b_dset_id>234</ogr:side_b_dset_id>
      <ogr:side_b_new_id>234</ogr:side_b_new_id>
      <ogr:side_b>IS</ogr:side_b>
      <ogr:number_of_sources>2</ogr:number_of_sources>
      <ogr:source_article></ogr:source_article>
      <ogr:source_office>Reuters</ogr:source_office>
      <ogr:source_date></ogr:source_date>
      <ogr:source_headline></ogr:source_headline>
      <ogr:source_original></ogr:source_original>
      <ogr:where_prec>7</ogr:where_prec>
      <ogr:where_coordinates>Ain al-Asad Air Base</ogr:where_coordinates>
      <ogr:where_description>Ain al-Asad Air Base (town)</ogr:where_description>
      <ogr:adm_1>Al Anbar governorate</ogr:adm_1>
      <ogr:adm_2></ogr:adm_2>
      <ogr:latitude>33.8312</ogr:latitude>
      <ogr:longitude>42.4308</ogr:longitude>
      <ogr:geom_wkt>POINT (42.4308 33.8312)</ogr:geom_wkt>
      <ogr:priogrid_gid>150016</ogr:priogrid_gid>
      <ogr:country>Iraq</ogr:country>
      <ogr:country_id>645</ogr:country_id>
      <ogr:region>Middle East</ogr:region>
      <ogr:event_clarity>1</ogr:event_clarity>
      <ogr:date_prec>3</ogr:date_prec>
      <ogr:date_start>2023-03-21T00:00:00</ogr:date_start>
      <ogr:date_end>2023-03-27T00:00:00</ogr:date_end>
      <ogr:deaths_a>0</ogr:deaths_a>
      <ogr:deaths_b>2</ogr:deaths_b>
      <ogr:deaths_civilians>0</ogr:deaths_civilians>
      <ogr:deaths_unknown>0</ogr:deaths_unknown>
      <ogr:best>2</ogr:best>
      <ogr:high>3</ogr:high>
      <ogr:low>2</ogr:low>
      <ogr:gwnoa>645</ogr:gwnoa>
      <ogr:gwnob></ogr:gwnob>
    </ogr:ucdp_ged>
  </ogr:featureMember>
  <ogr:featureMember>
    <ogr:ucdp_ged gml:id="ucdp_ged.17">
      <gml:boundedBy><gml:Envelope srsName="urn:ogc:def:crs:EPSG::4326"><gml:lowerCorner>36.2566 43.9292</gml:lowerCorner><gml:upperCorner>36.2566 43.9292</gml:upperCorner></gml:Envelope></gml:boundedBy>
      <ogr:geometryProperty><gml:Point srsName="urn:ogc:def:crs:EPSG::4326" gml:id="ucdp_ged.geom.17"><gml:pos>36.2566 43.9292</gml:pos></gml:Point></ogr:geometryProperty>
      <ogr:id>300017</ogr:id>
      <ogr:relid>IRQ-17</ogr:relid>
      <ogr:year>2021</ogr:year>
      <ogr:active_year>true</ogr:active_year>
      <ogr:code_status>Clear</ogr:code_status>
      <ogr:type_of_violence>3</ogr:type_of_violence>
      <ogr:conflict_dset_id>259</ogr:conflict_dset_id>
      <ogr:conflict_new_id>259</ogr:conflict_new_id>
      <ogr:conflict_name>Iraq: Government</ogr:conflict_name>
      <ogr:dyad_dset_id>799</ogr:dyad_dset_id>
      <ogr:dyad_new_id>799</ogr:dyad_new_id>
      <ogr:dyad_name>Government of Iraq - IS</ogr:dyad_name>
      <ogr:side_a_dset_id>116</ogr:side_a_dset_id>
      <ogr:side_a_new_id>116</ogr:side_a_new_id>
      <ogr:side_a>Government of Iraq</ogr:side_a>
      <ogr:side_b_dset_id>234</ogr:side_b_dset_id>
      <ogr:side_b_new_id>234</ogr:side_b_new_id>
      <ogr:side_b>IS</ogr:side_b>
      <ogr:number_of_sources>2</ogr:number_of_sources>
      <ogr:source_article></ogr:source_article>
      <ogr:source_office>Reuters</ogr:source_office>
      <ogr:source_date></ogr:source_date>
      <ogr:source_headline></ogr:source_headline>
      <ogr:source_original></ogr:source_original>
      <ogr:where_prec>4</ogr:where_prec>
      <ogr:where_coordinates>Erbil International Airport</ogr:where_coordinates>
      <ogr:where_description>Erbil International Airport (town)</ogr:where_description>
      <ogr:adm_1>Erbil governorate</ogr:adm_1>
      <ogr:adm_2></ogr:adm_2>
      <ogr:latitude>36.2566</ogr:latitude>
      <ogr:longitude>43.9292</ogr:longitude>
      <ogr:geom_wkt>POINT (43.9292 36.2566)</ogr:geom_wkt>
      <ogr:priogrid_gid>150017</ogr:priogrid_gid>
      <ogr:country>Iraq</ogr:country>
      <ogr:country_id>645</ogr:country_id>
      <ogr:region>Middle East</ogr:region>
      <ogr:event_clarity>1</ogr:event_clarity>
      <ogr:date_prec>3</ogr:date_prec>
      <ogr:date_start>2021-11-15T00:00:00</ogr:date_start>
      <ogr:date_end>2021-11-21T00:00:00</ogr:date_end>
      <ogr:deaths_a>0</ogr:deaths_a>
      <ogr:deaths_b>2</ogr:deaths_b>
      <ogr:deaths_civilians>0</ogr:deaths_civilians>
      <ogr:deaths_unknown>0</ogr:deaths_unknown>
      <ogr:best>2</ogr:best>
      <ogr:high>3</ogr:high>
      <ogr:low>2</ogr:low>
      <ogr:gwnoa>645</ogr:gwnoa>
      <ogr:gwnob></ogr:gwnob>
    </ogr:ucdp_ged>
  </ogr:featureMember>
  <ogr:featureMember>
    <ogr:ucdp_ged gml:id="ucdp_ged.18">
      <gml:boundedBy><gml:Envelope srsName="urn:ogc:def:crs:EPSG::4326"><gml:lowerCorner>33.2711 44.3891</gml:lowerCorner><gml:upperCorner>33.2711 44.3891</gml:upperCorner></gml:Envelope></gml:boundedBy>
      <ogr:geometryProperty><gml:Point srsName="urn:ogc:def:crs:EPSG::4326" gml:id="ucdp_ged.geom.18"><gml:pos>33.2711 44.3891</gml:pos></gml:Point></ogr:geometryProperty>
      <ogr:id>300018</ogr:id>
      <ogr:relid>IRQ-18</ogr:relid>
      <ogr:year>2019</ogr:year>
      <ogr:active_year>true</ogr:active_year>
      <ogr:code_status>Clear</ogr:code_status>
      <ogr:type_of_violence>3</ogr:type_of_violence>
      <ogr:conflict_dset_id>259</ogr:conflict_dset_id>
      <ogr:conflict_new_id>259</ogr:conflict_new_id>
      <ogr:conflict_name>Iraq: Government</ogr:conflict_name>
      <ogr:dyad_dset_id>799</ogr:dyad_dset_id>
      <ogr:dyad_new_id>799</ogr:dyad_new_id>
      <ogr:dyad_name>Government of Iraq - IS</ogr:dyad_name>
      <ogr:side_a_dset_id>116</ogr:side_a_dset_id>
      <ogr:side_a_new_id>116</ogr:side_a_new_id>
      <ogr:side_a>Government of Iraq</ogr:side_a>
      <ogr:side_b_dset_id>234</ogr:side_b_dset_id>
      <ogr:side_b_new_id>234</ogr:side_b_new_id>
      <ogr:side_b>IS</ogr:side_b>
      <ogr:number_of_sources>2</ogr:number_of_sources>
      <ogr:source_article></ogr:source_article>
      <ogr:source_office>Reuters</ogr:source_office>
      <ogr:source_date></ogr:source_date>
      <ogr:source_headline></ogr:source_headline>
      <ogr:source_original></ogr:source_original>
      <ogr:where_prec>1</ogr:where_prec>
      <ogr:where_coordinates>Baghdad Embassy</ogr:where_coordinates>
      <ogr:where_description>Baghdad Embassy (town)</ogr:where_description>
      <ogr:adm_1>Baghdad governorate</ogr:adm_1>
      <ogr:adm_2></ogr:adm_2>
      <ogr:latitude>33.2711</ogr:latitude>
      <ogr:longitude>44.3891</ogr:longitude>
      <ogr:geom_wkt>POINT (44.3891 33.2711)</ogr:geom_wkt>
      <ogr:priogrid_gid>150018</ogr:priogrid_gid>
      <ogr:country>Iraq</ogr:country>
      <ogr:country_id>645</ogr:country_id>
      <ogr:region>Middle East</ogr:region>
      <ogr:event_clarity>1</ogr:event_clarity>
      <ogr:date_prec>2</ogr:date_prec>
      <ogr:date_start>2019-02-25T00:00:00</ogr:date_start>
      <ogr:date_end>2019-02-28T00:00:00</ogr:date_end>
      <ogr:deaths_a>0</ogr:deaths_a>
      <ogr:deaths_b>2</ogr:deaths_b>
      <ogr:deaths_civilians>0</ogr:deaths_civilians>
      <ogr:deaths_unknown>0</ogr:deaths_unknown>
      <ogr:best>2</ogr:best>
      <ogr:high>3</ogr:high>
      <ogr:low>2</ogr:low>
      <ogr:gwnoa>645</ogr:gwnoa>
      <ogr:gwnob></ogr:gwnob>
    </ogr:ucdp_ged>
  </ogr:featureMember>
  <ogr:featureMember>
    <ogr:ucdp_ged gml:id="ucdp_ged.19">
      <gml:boundedBy><gml:Envelope srsName="urn:ogc:def:crs:EPSG::4326"><gml:lowerCorner>33.4968 38.6603</gml:lowerCorner><gml:upperCorner>33.4968 38.6603</gml:upperCorner></gml:Envelope></gml:boundedBy>
      <ogr:geometryProperty><gml:Point srsName="urn:ogc:def:crs:EPSG::4326" gml:id="ucdp_ged.geom.19"><gml:pos>33.4968 38.6603</gml:pos></gml:Point></ogr:geometryProperty>
      <ogr:id>300019</ogr:id>
      <ogr:relid>IRQ-19</ogr:relid>
      <ogr:year>2019</ogr:year>
      <ogr:active_year>true</ogr:active_year>
      <ogr:code_status>Clear</ogr:code_status>
      <ogr:type_of_violence>1</ogr:type_of_violence>
      <ogr:conflict_dset_id>259</ogr:conflict_dset_id>
      <ogr:conflict_new_id>259</ogr:conflict_new_id>
      <ogr:conflict_name>Iraq: Government</ogr:conflict_name>
      <ogr:dyad_dset_id>799</ogr:dyad_dset_id>
      <ogr:dyad_new_id>799</ogr:dyad_new_id>
      <ogr:dyad_name>Government of Iraq - IS</ogr:dyad_name>
      <ogr:side_a_dset_id>116</ogr:side_a_dset_id>
      <ogr:side_a_new_id>116</ogr:side_a_new_id>
      <ogr:side_a>Government of Iraq</ogr:side_a>
      <ogr:side_b_dset_id>234</ogr:side_b_dset_id>
      <ogr:side_b_new_id>234</ogr:side_b_new_id>
      <ogr:side_b>IS</ogr:side_b>
      <ogr:number_of_sources>2</ogr:number_of_sources>
      <ogr:source_article></ogr:source_article>
      <ogr:source_office>Reuters</ogr:source_office>
      <ogr:source_date></ogr:source_date>
      <ogr:source_headline></ogr:source_headline>
      <ogr:source_original></ogr:source_original>
      <ogr:where_prec>5</ogr:where_prec>
      <ogr:where_coordinates>Al-Tanf</ogr:where_coordinates>
      <ogr:where_description>Al-Tanf (town)</ogr:where_description>
      <ogr:adm_1>Rif Dimashq governorate</ogr:adm_1>
      <ogr:adm_2></ogr:adm_2>
      <ogr:latitude>33.4968</ogr:latitude>
      <ogr:longitude>38.6603</ogr:longitude>
      <ogr:geom_wkt>POINT (38.6603 33.4968)</ogr:geom_wkt>
      <ogr:priogrid_gid>150019</ogr:priogrid_gid>
      <ogr:country>Syria</ogr:country>
      <ogr:country_id>645</ogr:country_id>
      <ogr:region>Middle East</ogr:region>
      <ogr:event_clarity>1</ogr:event_clarity>
      <ogr:date_prec>2</ogr:date_prec>
      <ogr:date_start>2019-04-20T00:00:00</ogr:date_start>
      <ogr:date_end>2019-04-23T00:00:00</ogr:date_end>
      <ogr:deaths_a>0</ogr:deaths_a>
      <ogr:deaths_b>2</ogr:deaths_b>
      <ogr:deaths_civilians>0</ogr:deaths_civilians>
      <ogr:deaths_unknown>0</ogr:deaths_unknown>
      <ogr:best>2</ogr:best>
      <ogr:high>3</ogr:high>
      <ogr:low>2</ogr:low>
      <ogr:gwnoa>645</ogr:gwnoa>
      <ogr:gwnob></ogr:gwnob>
    </ogr:ucdp_ged>
  </ogr:featureMember>
  <ogr:featureMember>
    <ogr:ucdp_ged gml:id="ucdp_ged.20">
      <gml:boundedBy><gml:Envelope srsName="urn:ogc:def:crs:EPSG::4326"><gml:lowerCorner>33.3068 44.4002</gml:lowerCorner><gml:upperCorner>33.3068 44.4002</gml:upperCorner></gml:Envelope></gml:boundedBy>
      <ogr:geometryProperty><gml:Point srsName="urn:ogc:def:crs:EPSG::4326" gml:id="ucdp_ged.geom.20"><gml:pos>33.3068 44.4002</gml:pos></gml:Point></ogr:geometryProperty>
      <ogr:id>300020</ogr:id>
      <ogr:relid>IRQ-20</ogr:relid>
      <ogr:year>2020</ogr:year>
      <ogr:active_year>true</ogr:active_year>
      <ogr:code_status>Clear</ogr:code_status>
      <ogr:type_of_violence>2</ogr:type_of_violence>
      <ogr:conflict_dset_id>259</ogr:conflict_dset_id>
      <ogr:conflict_new_id>259</ogr:conflict_new_id>
      <ogr:conflict_name>Iraq: Government</ogr:conflict_name>
      <ogr:dyad_dset_id>799</ogr:dyad_dset_id>
      <ogr:dyad_new_id>799</ogr:dyad_new_id>
      <ogr:dyad_name>Government of Iraq - IS</ogr:dyad_name>
      <ogr:side_a_dset_id>116</ogr:side_a_dset_id>
      <ogr:side_a_new_id>116</ogr:side_a_new_id>
      <ogr:side_a>Government of Iraq</ogr:side_a>
      <ogr:side_b_dset_id>234</ogr:side_b_dset_id>
      <ogr:side_b_new_id>234</ogr:side_b_new_id>
      <ogr:side_b>IS</ogr:side_b>
      <ogr:number_of_sources>2</ogr:number_of_sources>
      <ogr:source_article></ogr:source_article>
      <ogr:source_office>Reuters</ogr:source_office>
      <ogr:source_date></ogr:source_date>
      <ogr:source_headline></ogr:source_headline>
      <ogr:source_original></ogr:source_original>
      <ogr:where_prec>7</ogr:where_prec>
      <ogr:where_coordinates>Baghdad Embassy</ogr:where_coordinates>
      <ogr:where_description>Baghdad Embassy (town)</ogr:where_description>
      <ogr:adm_1>Baghdad governorate</ogr:adm_1>
      <ogr:adm_2></ogr:adm_2>
      <ogr:latitude>33.3068</ogr:latitude>
      <ogr:longitude>44.4002</ogr:longitude>
      <ogr:geom_wkt>POINT (44.4002 33.3068)</ogr:geom_wkt>
      <ogr:priogrid_gid>150020</ogr:priogrid_gid>
      <ogr:country>Iraq</ogr:country>
      <ogr:country_id>645</ogr:country_id>
      <ogr:region>Middle East</ogr:region>
      <ogr:event_clarity>1</ogr:event_clarity>
      <ogr:date_prec>5</ogr:date_prec>
      <ogr:date_start>2020-09-28T00:00:00</ogr:date_start>
      <ogr:date_end>2021-04-16T00:00:00</ogr:date_end>
      <ogr:deaths_a>0</ogr:deaths_a>
      <ogr:deaths_b>2</ogr:deaths_b>
      <ogr:deaths_civilians>0</ogr:deaths_civilians>
      <ogr:deaths_unknown>0</ogr:deaths_unknown>
      <ogr:best>2</ogr:best>
      <ogr:high>3</ogr:high>
      <ogr:low>2</ogr:low>
      <ogr:gwnoa>645</ogr:gwnoa>
      <ogr:gwnob></ogr:gwnob>
    </ogr:ucdp_ged>
  </ogr:featureMember>
  <ogr:featureMember>
    <ogr:ucdp_ged gml:id="ucdp_ged.21">
      <gml:boundedBy><gml:Envelope srsName="urn:ogc:def:crs:EPSG::4326"><gml:lowerCorner>50.437 30.5183</gml:lowerCorner><gml:upperCorner>50.437 30.5183</gml:upperCorner></gml:Envelope></gml:boundedBy>
      <ogr:geometryProperty><gml:Point srsName="urn:ogc:def:crs:EPSG::4326" gml:id="ucdp_ged.geom.21"><gml:pos>50.437 30.5183</gml:pos></gml:Point></ogr:geometryProperty>
      <ogr:id>300021</ogr:id>
      <ogr:relid>IRQ-21</ogr:relid>
      <ogr:year>2019</ogr:year>
      <ogr:active_year>true</ogr:active_year>
      <ogr:code_status>Clear</ogr:code_status>
      <ogr:type_of_violence>1</ogr:type_of_violence>
      <ogr:conflict_dset_id>259</ogr:conflict_dset_id>
      <ogr:conflict_new_id>259</ogr:conflict_new_id>
      <ogr:conflict_name>Iraq: Government</ogr:conflict_name>
      <ogr:dyad_dset_id>799</ogr:dyad_dset_id>
      <ogr:dyad_new_id>799</ogr:dyad_new_id>
      <ogr:dyad_name>Government of Iraq - IS</ogr:dyad_name>
      <ogr:side_a_dset_id>116</ogr:side_a_dset_id>
      <ogr:side_a_new_id>116</ogr:side_a_new_id>
      <ogr:side_a>Government of Iraq</ogr:side_a>
      <ogr:side_b_dset_id>234</ogr:side_b_dset_id>
      <ogr:side_b_new_id>234</ogr:side_b_new_id>
      <ogr:side_b>IS</ogr:side_b>
      <ogr:number_of_sources>2</ogr:number_of_sources>
      <ogr:source_article></ogr:source_article>
      <ogr:source_office>Reuters</ogr:source_office>
      <ogr:source_date></ogr:source_date>
      <ogr:source_headline></ogr:source_headline>
      <ogr:source_original></ogr:source_original>
      <ogr:where_prec>7</ogr:where_prec>
      <ogr:where_coordinates>Kyiv</ogr:where_coordinates>
      <ogr:where_description>Kyiv (town)</ogr:where_description>
      <ogr:adm_1>Kyiv governorate</ogr:adm_1>
      <ogr:adm_2></ogr:adm_2>
      <ogr:latitude>50.437</ogr:latitude>
      <ogr:longitude>30.5183</ogr:longitude>
      <ogr:geom_wkt>POINT (30.5183 50.4370)</ogr:geom_wkt>
      <ogr:priogrid_gid>150021</ogr:priogrid_gid>
      <ogr:country>Ukraine</ogr:country>
      <ogr:country_id>645</ogr:country_id>
      <ogr:region>Middle East</ogr:region>
      <ogr:event_clarity>1</ogr:event_clarity>
      <ogr:date_prec>3</ogr:date_prec>
      <ogr:date_start>2019-12-20T00:00:00</ogr:date_start>
      <ogr:date_end>2019-12-26T00:00:00</ogr:date_end>
      <ogr:deaths_a>0</ogr:deaths_a>
      <ogr:deaths_b>2</ogr:deaths_b>
      <ogr:deaths_civilians>0</ogr:deaths_civilians>
      <ogr:deaths_unknown>0</ogr:deaths_unknown>
      <ogr:best>2</ogr:best>
      <ogr:high>3</ogr:high>
      <ogr:low>2</ogr:low>
      <ogr:gwnoa>645</ogr:gwnoa>
      <ogr:gwnob></ogr:gwnob>
    </ogr:ucdp_ged>
  </ogr:featureMember>
  <ogr:featureMember>
    <ogr:ucdp_ged gml:id="ucdp_ged.22">
      <gml:boundedBy><gml:Envelope srsName="urn:ogc:def:crs:EPSG::4326"><gml:lowerCorner>36.1948 43.9176</gml:lowerCorner><gml:upperCorner>36.1948 43.9176</gml:upperCorner></gml:Envelope></gml:boundedBy>
      <ogr:geometryProperty><gml:Point srsName="urn:ogc:def:crs:EPSG::4326" gml:id="ucdp_ged.geom.22"><gml:pos>36.1948 43.9176</gml:pos></gml:Point></ogr:geometryProperty>
      <ogr:id>300022</ogr:id>
      <ogr:relid>IRQ-22</ogr:relid>
      <ogr:year>2021</ogr:year>
      <ogr:active_year>true</ogr:active_year>
      <ogr:code_status>Clear</ogr:code_status>
      <ogr:type_of_violence>2</ogr:type_of_violence>
      <ogr:conflict_dset_id>259</ogr:conflict_dset_id>
      <ogr:conflict_new_id>259</ogr:conflict_new_id>
      <ogr:conflict_name>Iraq: Government</ogr:conflict_name>
      <ogr:dyad_dset_id>799</ogr:dyad_dset_id>
      <ogr:dyad_new_id>799</ogr:dyad_new_id>
      <ogr:dyad_name>Government of Iraq - IS</ogr:dyad_name>
      <ogr:side_a_dset_id>116</ogr:side_a_dset_id>
      <ogr:side_a_new_id>116</ogr:side_a_new_id>
      <ogr:side_a>Government of Iraq</ogr:side_a>
      <ogr:side_b_dset_id>234</ogr:side_b_dset_id>
      <ogr:side_b_new_id>234</ogr:side_b_new_id>
      <ogr:side_b>IS</ogr:side_b>
      <ogr:number_of_sources>2</ogr:number_of_sources>
      <ogr:source_article></ogr:source_article>
      <ogr:source_office>Reuters</ogr:source_office>
      <ogr:source_date></ogr:source_date>
      <ogr:source_headline></ogr:source_headline>
      <ogr:source_original></ogr:source_original>
      <ogr:where_prec>7</ogr:where_prec>
      <ogr:where_coordinates>Erbil International Airport</ogr:where_coordinates>
      <ogr:where_description>Erbil International Airport (town)</ogr:where_description>
      <ogr:adm_1>Erbil governorate</ogr:adm_1>
      <ogr:adm_2></ogr:adm_2>
      <ogr:latitude>36.1948</ogr:latitude>
      <ogr:longitude>43.9176</ogr:longitude>
      <ogr:geom_wkt>POINT (43.9176 36.1948)</ogr:geom_wkt>
      <ogr:priogrid_gid>150022</ogr:priogrid_gid>
      <ogr:country>Iraq</ogr:country>
      <ogr:country_id>645</ogr:country_id>
      <ogr:region>Middle East</ogr:region>
      <ogr:event_clarity>1</ogr:event_clarity>
      <ogr:date_prec>4</ogr:date_prec>
      <ogr:date_start>2021-10-25T00:00:00</ogr:date_start>
      <ogr:date_end>2021-11-14T00:00:00</ogr:date_end>
      <ogr:deaths_a>0</ogr:deaths_a>
      <ogr:deaths_b>2</ogr:deaths_b>
      <ogr:deaths_civilians>0</ogr:deaths_civilians>
      <ogr:deaths_unknown>0</ogr:deaths_unknown>
      <ogr:best>2</ogr:best>
      <ogr:high>3</ogr:high>
      <ogr:low>2</ogr:low>
      <ogr:gwnoa>645</ogr:gwnoa>
      <ogr:gwnob></ogr:gwnob>
    </ogr:ucdp_ged>
  </ogr:featureMember>
  <ogr:featureMember>
    <ogr:ucdp_ged gml:id="ucdp_ged.23">
      <gml:boundedBy><gml:Envelope srsName="urn:ogc:def:crs:EPSG::4326"><gml:lowerCorner>36.1928 43.9782</gml:lowerCorner><gml:upperCorner>36.1928 43.9782</gml:upperCorner></gml:Envelope></gml:boundedBy>
      <ogr:geometryProperty><gml:Point srsName="urn:ogc:def:crs:EPSG::4326" gml:id="ucdp_ged.geom.23"><gml:pos>36.1928 43.9782</gml:pos></gml:Point></ogr:geometryProperty>
      <ogr:id>300023</ogr:id>
      <ogr:relid>IRQ-23</ogr:relid>
      <ogr:year>2022</ogr:year>
      <ogr:active_year>true</ogr:active_year>
      <ogr:code_status>Clear</ogr:code_status>
      <ogr:type_of_violence>2</ogr:type_of_violence>
      <ogr:conflict_dset_id>259</ogr:conflict_dset_id>
      <ogr:conflict_new_id>259</ogr:conflict_new_id>
      <ogr:conflict_name>Iraq: Government</ogr:conflict_name>
      <ogr:dyad_dset_id>799</ogr:dyad_dset_id>
      <ogr:dyad_new_id>799</ogr:dyad_new_id>
      <ogr:dyad_name>Government of Iraq - IS</ogr:dyad_name>
      <ogr:side_a_dset_id>116</ogr:side_a_dset_id>
      <ogr:side_a_new_id>116</ogr:side_a_new_id>
      <ogr:side_a>Government of Iraq</ogr:side_a>
      <ogr:side_b_dset_id>234</ogr:side_b_dset_id>
      <ogr:side_b_new_id>234</ogr:side_b_new_id>
      <ogr:side_b>IS</ogr:side_b>
      <ogr:number_of_sources>2</ogr:number_of_sources>
      <ogr:source_article></ogr:source_article>
      <ogr:source_office>Reuters</ogr:source_office>
      <ogr:source_date></ogr:source_date>
      <ogr:source_headline></ogr:source_headline>
      <ogr:source_original></ogr:source_original>
      <ogr:where_prec>4</ogr:where_prec>
      <ogr:where_coordinates>Erbil International Airport</ogr:where_coordinates>
      <ogr:where_description>Erbil International Airport (town)</ogr:where_description>
      <ogr:adm_1>Erbil governorate</ogr:adm_1>
      <ogr:adm_2></ogr:adm_2>
      <ogr:latitude>36.1928</ogr:latitude>
      <ogr:longitude>43.9782</ogr:longitude>
      <ogr:geom_wkt>POINT (43.9782 36.1928)</ogr:geom_wkt>
      <ogr:priogrid_gid>150023</ogr:priogrid_gid>
      <ogr:country>Iraq</ogr:country>
      <ogr:country_id>645</ogr:country_id>
      <ogr:region>Middle East</ogr:region>
      <ogr:event_clarity>1</ogr:event_clarity>
      <ogr:date_prec>1</ogr:date_prec>
      <ogr:date_start>2022-07-19T00:00:00</ogr:date_start>
      <ogr:date_end>2022-07-19T00:00:00</ogr:date_end>
      <ogr:deaths_a>0</ogr:deaths_a>
      <ogr:deaths_b>2</ogr:deaths_b>
      <ogr:deaths_civilians>0</ogr:deaths_civilians>
      <ogr:deaths_unknown>0</ogr:deaths_unknown>
      <ogr:best>2</ogr:best>
      <ogr:high>3</ogr:high>
      <ogr:low>2</ogr:low>
      <ogr:gwnoa>645</ogr:gwnoa>
      <ogr:gwnob></ogr:gwnob>
    </ogr:ucdp_ged>
  </ogr:featureMember>
  <ogr:featureMember>
    <ogr:ucdp_ged gml:id="ucdp_ged.24">
      <gml:boundedBy><gml:Envelope srsName="urn:ogc:def:crs:EPSG::4326"><gml:lowerCorner>49.995 36.2305</gml:lowerCorner><gml:upperCorner>49.995 36.2305</gml:upperCorner></gml:Envelope></gml:boundedBy>
      <ogr:geometryProperty><gml:Point srsName="urn:ogc:def:crs:EPSG::4326" gml:id="ucdp_ged.geom.24"><gml:pos>49.995 36.2305</gml:pos></gml:Point></ogr:geometryProperty>
      <ogr:id>300024</ogr:id>
      <ogr:relid>IRQ-24</ogr:relid>
      <ogr:year>2022</ogr:year>
      <ogr:active_year>true</ogr:active_year>
      <ogr:code_status>Clear</ogr:code_status>
      <ogr:type_of_violence>1</ogr:type_of_violence>
      <ogr:conflict_dset_id>259</ogr:conflict_dset_id>
      <ogr:conflict_new_id>259</ogr:conflict_new_id>
      <ogr:conflict_name>Iraq: Government</ogr:conflict_name>
      <ogr:dyad_dset_id>799</ogr:dyad_dset_id>
      <ogr:dyad_new_id>799</ogr:dyad_new_id>
      <ogr:dyad_name>Government of Iraq - IS</ogr:dyad_name>
      <ogr:side_a_dset_id>116</ogr:side_a_dset_id>
      <ogr:side_a_new_id>116</ogr:side_a_new_id>
      <ogr:side_a>Government of Iraq</ogr:side_a>
      <ogr:side_b_dset_id>234</ogr:side_b_dset_id>
      <ogr:side_b_new_id>234</ogr:side_b_new_id>
      <ogr:side_b>IS</ogr:side_b>
      <ogr:number_of_sources>2</ogr:number_of_sources>
      <ogr:source_article></ogr:source_article>
      <ogr:source_office>Reuters</ogr:source_office>
      <ogr:source_date></ogr:source_date>
      <ogr:source_headline></ogr:source_headline>
      <ogr:source_original></ogr:source_original>
      <ogr:where_prec>7</ogr:where_prec>
      <ogr:where_coordinates>Kharkiv</ogr:where_coordinates>
      <ogr:where_description>Kharkiv (town)</ogr:where_description>
      <ogr:adm_1>Kharkivska governorate</ogr:adm_1>
      <ogr:adm_2></ogr:adm_2>
      <ogr:latitude>49.995</ogr:latitude>
      <ogr:longitude>36.2305</ogr:longitude>
      <ogr:geom_wkt>POINT (36.2305 49.9950)</ogr:geom_wkt>
      <ogr:priogrid_gid>150024</ogr:priogrid_gid>
      <ogr:country>Ukraine</ogr:country>
      <ogr:country_id>645</ogr:country_id>
      <ogr:region>Middle East</ogr:region>
      <ogr:event_clarity>1</ogr:event_clarity>
      <ogr:date_prec>4</ogr:date_prec>
      <ogr:date_start>2022-10-12T00:00:00</ogr:date_start>
      <ogr:date_end>2022-11-01T00:00:00</ogr:date_end>
      <ogr:deaths_a>0</ogr:deaths_a>
      <ogr:deaths_b>2</ogr:deaths_b>
      <ogr:deaths_civilians>0</ogr:deaths_civilians>
      <ogr:deaths_unknown>0</ogr:deaths_unknown>
      <ogr:best>2</ogr:best>
      <ogr:high>3</ogr:high>
      <ogr:low>2</ogr:low>
      <ogr:gwnoa>645</ogr:gwnoa>
      <ogr:gwnob></ogr:gwnob>
    </ogr:ucdp_ged>
  </ogr:featureMember>
  <ogr:featureMember>
    <ogr:ucdp_ged gml:id="ucdp_ged.25">
      <gml:boundedBy><gml:Envelope srsName="urn:ogc:def:crs:EPSG::4326"><gml:lowerCorner>35.309 40.3262</gml:lowerCorner><gml:upperCorner>35.309 40.3262</gml:upperCorner></gml:Envelope></gml:boundedBy>
      <ogr:geometryProperty><gml:Point srsName="urn:ogc:def:crs:EPSG::4326" gml:id="ucdp_ged.geom.25"><gml:pos>35.309 40.3262</gml:pos></gml:Point></ogr:geometryProperty>
      <ogr:id>300025</ogr:id>
      <ogr:relid>IRQ-25</ogr:relid>
      <ogr:year>2021</ogr:year>
      <ogr:active_year>true</ogr:active_year>
      <ogr:code_status>Clear</ogr:code_status>
      <ogr:type_of_violence>3</ogr:type_of_violence>
      <ogr:conflict_dset_id>259</ogr:conflict_dset_id>
      <ogr:conflict_new_id>259</ogr:conflict_new_id>
      <ogr:conflict_name>Iraq: Government</ogr:conflict_name>
      <ogr:dyad_dset_id>799</ogr:dyad_dset_id>
      <ogr:dyad_new_id>799</ogr:dyad_new_id>
      <ogr:dyad_name>Government of Iraq - IS</ogr:dyad_name>
      <ogr:side_a_dset_id>116</ogr:side_a_dset_id>
      <ogr:side_a_new_id>116</ogr:side_a_new_id>
      <ogr:side_a>Government of Iraq</ogr:side_a>
      <ogr:side_b_dset_id>234</ogr:side_b_dset_id>
      <ogr:side_b_new_id>234</ogr:side_b_new_id>
      <ogr:side_b>IS</ogr:side_b>
      <ogr:number_of_sources>2</ogr:number_of_sources>
      <ogr:source_article></ogr:source_article>
      <ogr:source_office>Reuters</ogr:source_office>
      <ogr:source_date></ogr:source_date>
      <ogr:source_headline></ogr:source_headline>
      <ogr:source_original></ogr:source_original>
      <ogr:where_prec>2</ogr:where_prec>
      <ogr:where_coordinates>Conoco gas field</ogr:where_coordinates>
      <ogr:where_description>Conoco gas field (town)</ogr:where_description>
      <ogr:adm_1>Deir ez-Zor governorate</ogr:adm_1>
      <ogr:adm_2></ogr:adm_2>
      <ogr:latitude>35.309</ogr:latitude>
      <ogr:longitude>40.3262</ogr:longitude>
      <ogr:geom_wkt>POINT (40.3262 35.3090)</ogr:geom_wkt>
      <ogr:priogrid_gid>150025</ogr:priogrid_gid>
      <ogr:country>Syria</ogr:country>
      <ogr:country_id>645</ogr:country_id>
      <ogr:region>Middle East</ogr:region>
      <ogr:event_clarity>1</ogr:event_clarity>
      <ogr:date_prec>5</ogr:date_prec>
      <ogr:date_start>2021-06-27T00:00:00</ogr:date_start>
      <ogr:date_end>2022-01-13T00:00:00</ogr:date_end>
      <ogr:deaths_a>0</ogr:deaths_a>
      <ogr:deaths_b>2</ogr:deaths_b>
      <ogr:deaths_civilians>0</ogr:deaths_civilians>
      <ogr:deaths_unknown>0</ogr:deaths_unknown>
      <ogr:best>2</ogr:best>
      <ogr:high>3</ogr:high>
      <ogr:low>2</ogr:low>
      <ogr:gwnoa>645</ogr:gwnoa>
      <ogr:gwnob></ogr:gwnob>
    </ogr:ucdp_ged>
  </ogr:featureMember>
  <ogr:featureMember>
    <ogr:ucdp_ged gml:id="ucdp_ged.26">
      <gml:boundedBy><gml:Envelope srsName="urn:ogc:def:crs:EPSG::4326"><gml:lowerCorner>50.4417 30.4754</gml:lowerCorner><gml:upperCorner>50.4417 30.4754</gml:upperCorner></gml:Envelope></gml:boundedBy>
      <ogr:geometryProperty><gml:Point srsName="urn:ogc:def:crs:EPSG::4326" gml:id="ucdp_ged.geom.26"><gml:pos>50.4417 30.4754</gml:pos></gml:Point></ogr:geometryProperty>
      <ogr:id>300026</ogr:id>
      <ogr:relid>IRQ-26</ogr:relid>
      <ogr:year>2021</ogr:year>
      <ogr:active_year>true</ogr:active_year>
      <ogr:code_status>Clear</ogr:code_status>
      <ogr:type_of_violence>1</ogr:type_of_violence>
      <ogr:conflict_dset_id>259</ogr:conflict_dset_id>
      <ogr:conflict_new_id>259</ogr:conflict_new_id>
      <ogr:conflict_name>Iraq: Government</ogr:conflict_name>
      <ogr:dyad_dset_id>799</ogr:dyad_dset_id>
      <ogr:dyad_new_id>799</ogr:dyad_new_id>
      <ogr:dyad_name>Government of Iraq - IS</ogr:dyad_name>
      <ogr:side_a_dset_id>116</ogr:side_a_dset_id>
      <ogr:side_a_new_id>116</ogr:side_a_new_id>
      <ogr:side_a>Government of Iraq</ogr:side_a>
      <ogr:side_b_dset_id>234</ogr:side_b_dset_id>
      <ogr:side_b_new_id>234</ogr:side_b_new_id>
      <ogr:side_b>IS</ogr:side_b>
      <ogr:number_of_sources>2</ogr:number_of_sources>
      <ogr:source_article></ogr:source_article>
      <ogr:source_office>Reuters</ogr:source_office>
      <ogr:source_date></ogr:source_date>
      <ogr:source_headline></ogr:source_headline>
      <ogr:source_original></ogr:source_original>
      <ogr:where_prec>3</ogr:where_prec>
      <ogr:where_coordinates>Kyiv</ogr:where_coordinates>
      <ogr:where_description>Kyiv (town)</ogr:where_description>
      <ogr:adm_1>Kyiv governorate</ogr:adm_1>
      <ogr:adm_2></ogr:adm_2>
      <ogr:latitude>50.4417</ogr:latitude>
      <ogr:longitude>30.4754</ogr:longitude>
      <ogr:geom_wkt>POINT (30.4754 50.4417)</ogr:geom_wkt>
      <ogr:priogrid_gid>150026</ogr:priogrid_gid>
      <ogr:country>Ukraine</ogr:country>
      <ogr:country_id>645</ogr:country_id>
      <ogr:region>Middle East</ogr:region>
      <ogr:event_clarity>1</ogr:event_clarity>
      <ogr:date_prec>1</ogr:date_prec>
      <ogr:date_start>2021-10-07T00:00:00</ogr:date_start>
      <ogr:date_end>2021-10-07T00:00:00</ogr:date_end>
      <ogr:deaths_a>0</ogr:deaths_a>
      <ogr:deaths_b>2</ogr:deaths_b>
      <ogr:deaths_civilians>0</ogr:deaths_civilians>
      <ogr:deaths_unknown>0</ogr:deaths_unknown>
      <ogr:best>2</ogr:best>
      <ogr:high>3</ogr:high>
      <ogr:low>2</ogr:low>
      <ogr:gwnoa>645</ogr:gwnoa>
      <ogr:gwnob></ogr:gwnob>
    </ogr:ucdp_ged>
  </ogr:featureMember>
  <ogr:featureMember>
    <ogr:ucdp_ged gml:id="ucdp_ged.27">
      <gml:boundedBy><gml:Envelope srsName="urn:ogc:def:crs:EPSG::4326"><gml:lowerCorner>50.4024 30.4887</gml:lowerCorner><gml:upperCorner>50.4024 30.4887</gml:upperCorner></gml:Envelope></gml:boundedBy>
      <ogr:geometryProperty><gml:Point srsName="urn:ogc:def:crs:EPSG::4326" gml:id="ucdp_ged.geom.27"><gml:pos>50.4024 30.4887</gml:pos></gml:Point></ogr:geometryProperty>
      <ogr:id>300027</ogr:id>
      <ogr:relid>IRQ-27</ogr:relid>
      <ogr:year>2024</ogr:year>
      <ogr:active_year>true</ogr:active_year>
      <ogr:code_status>Clear</ogr:code_status>
      <ogr:type_of_violence>1</ogr:type_of_violence>
      <ogr:conflict_dset_id>259</ogr:conflict_dset_id>
      <ogr:conflict_new_id>259</ogr:conflict_new_id>
      <ogr:conflict_name>Iraq: Government</ogr:conflict_name>
      <ogr:dyad_dset_id>799</ogr:dyad_dset_id>
      <ogr:dyad_new_id>799</ogr:dyad_new_id>
      <ogr:dyad_name>Government of Iraq - IS</ogr:dyad_name>
      <ogr:side_a_dset_id>116</ogr:side_a_dset_id>
      <ogr:side_a_new_id>116</ogr:side_a_new_id>
      <ogr:side_a>Government of Iraq</ogr:side_a>
      <ogr:side_b_dset_id>234</ogr:side_b_dset_id>
      <ogr:side_b_new_id>234</ogr:side_b_new_id>
      <ogr:side_b>IS</ogr:side_b>
      <ogr:number_of_sources>2</ogr:number_of_sources>
      <ogr:source_article></ogr:source_article>
      <ogr:source_office>Reuters</ogr:source_office>
      <ogr:source_date></ogr:source_date>
      <ogr:source_headline></ogr:source_headline>
      <ogr:source_original></ogr:source_original>
      <ogr:where_prec>7</ogr:where_prec>
      <ogr:where_coordinates>Kyiv</ogr:where_coordinates>
      <ogr:where_description>Kyiv (town)</ogr:where_description>
      <ogr:adm_1>Kyiv governorate</ogr:adm_1>
      <ogr:adm_2></ogr:adm_2>
      <ogr:latitude>50.4024</ogr:latitude>
      <ogr:longitude>30.4887</ogr:longitude>
      <ogr:geom_wkt>POINT (30.4887 50.4024)</ogr:geom_wkt>
      <ogr:priogrid_gid>150027</ogr:priogrid_gid>
      <ogr:country>Ukraine</ogr:country>
      <ogr:country_id>645</ogr:country_id>
      <ogr:region>Middle East</ogr:region>
      <ogr:event_clarity>1</ogr:event_clarity>
      <ogr:date_prec>4</ogr:date_prec>
      <ogr:date_start>2024-06-13T00:00:00</ogr:date_start>
      <ogr:date_end>2024-07-03T00:00:00</ogr:date_end>
      <ogr:deaths_a>0</ogr:deaths_a>
      <ogr:deaths_b>2</ogr:deaths_b>
      <ogr:deaths_civilians>0</ogr:deaths_civilians>
      <ogr:deaths_unknown>0</ogr:deaths_unknown>
      <ogr:best>2</ogr:best>
      <ogr:high>3</ogr:high>
      <ogr:low>2</ogr:low>
      <ogr:gwnoa>645</ogr:gwnoa>
      <ogr:gwnob></ogr:gwnob>
    </ogr:ucdp_ged>
  </ogr:featureMember>
  <ogr:featureMember>
    <ogr:ucdp_ged gml:id="ucdp_ged.28">
      <gml:boundedBy><gml:Envelope srsName="urn:ogc:def:crs:EPSG::4326"><gml:lowerCorner>33.4733 38.6083</gml:lowerCorner><gml:upperCorner>33.4733 38.6083</gml:upperCorner></gml:Envelope></gml:boundedBy>
      <ogr:geometryProperty><gml:Point srsName="urn:ogc:def:crs:EPSG::4326" gml:id="ucdp_ged.geom.28"><gml:pos>33.4733 38.6083</gml:pos></gml:Point></ogr:geometryProperty>
      <ogr:id>300028</ogr:id>
      <ogr:relid>IRQ-28</ogr:relid>
      <ogr:year>2023</ogr:year>
      <ogr:active_year>true</ogr:active_year>
      <ogr:code_status>Clear</ogr:code_status>
      <ogr:type_of_violence>3</ogr:type_of_violence>
      <ogr:conflict_dset_id>259</ogr:conflict_dset_id>
      <ogr:conflict_new_id>259</ogr:conflict_new_id>
      <ogr:conflict_name>Iraq: Government</ogr:conflict_name>
      <ogr:dyad_dset_id>799</ogr:dyad_dset_id>
      <ogr:dyad_new_id>799</ogr:dyad_new_id>
      <ogr:dyad_name>Government of Iraq - IS</ogr:dyad_name>
      <ogr:side_a_dset_id>116</ogr:side_a_dset_id>
      <ogr:side_a_new_id>116</ogr:side_a_new_id>
      <ogr:side_a>Government of Iraq</ogr:side_a>
      <ogr:side_b_dset_id>234</ogr:side_b_dset_id>
      <ogr:side_b_new_id>234</ogr:side_b_new_id>
      <ogr:side_b>IS</ogr:side_b>
      <ogr:number_of_sources>2</ogr:number_of_sources>
      <ogr:source_article></ogr:source_article>
      <ogr:source_office>Reuters</ogr:source_office>
      <ogr:source_date></ogr:source_date>
      <ogr:source_headline></ogr:source_headline>
      <ogr:source_original></ogr:source_original>
      <ogr:where_prec>5</ogr:where_prec>
      <ogr:where_coordinates>Al-Tanf</ogr:where_coordinates>
      <ogr:where_description>Al-Tanf (town)</ogr:where_description>
      <ogr:adm_1>Rif Dimashq governorate</ogr:adm_1>
      <ogr:adm_2></ogr:adm_2>
      <ogr:latitude>33.4733</ogr:latitude>
      <ogr:longitude>38.6083</ogr:longitude>
      <ogr:geom_wkt>POINT (38.6083 33.4733)</ogr:geom_wkt>
      <ogr:priogrid_gid>150028</ogr:priogrid_gid>
      <ogr:country>Syria</ogr:country>
      <ogr:country_id>645</ogr:country_id>
      <ogr:region>Middle East</ogr:region>
      <ogr:event_clarity>1</ogr:event_clarity>
      <ogr:date_prec>4</ogr:date_prec>
      <ogr:date_start>2023-08-17T00:00:00</ogr:date_start>
      <ogr:date_end>2023-09-06T00:00:00</ogr:date_end>
      <ogr:deaths_a>0</ogr:deaths_a>
      <ogr:deaths_b>2</ogr:deaths_b>
      <ogr:deaths_civilians>0</ogr:deaths_civilians>
      <ogr:deaths_unknown>0</ogr:deaths_unknown>
      <ogr:best>2</ogr:best>
      <ogr:high>3</ogr:high>
      <ogr:low>2</ogr:low>
      <ogr:gwnoa>645</ogr:gwnoa>
      <ogr:gwnob></ogr:gwnob>
    </ogr:ucdp_ged>
  </ogr:featureMember>
  <ogr:featureMember>
    <ogr:ucdp_ged gml:id="ucdp_ged.29">
      <gml:boundedBy><gml:Envelope srsName="urn:ogc:def:crs:EPSG::4326"><gml:lowerCorner>33.8305 42.4301</gml:lowerCorner><gml:upperCorner>33.8305 42.4301</gml:upperCorner></gml:Envelope></gml:boundedBy>
      <ogr:geometryProperty><gml:Point srsName="urn:ogc:def:crs:EPSG::4326" gml:id="ucdp_ged.geom.29"><gml:pos>33.8305 42.4301</gml:pos></gml:Point></ogr:geometryProperty>
      <ogr:id>300029</ogr:id>
      <ogr:relid>IRQ-29</ogr:relid>
      <ogr:year>2020</ogr:year>
      <ogr:active_year>true</ogr:active_year>
      <ogr:code_status>Clear</ogr:code_status>
      <ogr:type_of_violence>3</ogr:type_of_violence>
      <ogr:conflict_dset_id>259</ogr:conflict_dset_id>
      <ogr:conflict_new_id>259</ogr:conflict_new_id>
      <ogr:conflict_name>Iraq: Government</ogr:conflict_name>
      <ogr:dyad_dset_id>799</ogr:dyad_dset_id>
      <ogr:dyad_new_id>799</ogr:dyad_new_id>
      <ogr:dyad_name>Government of Iraq - IS</ogr:dyad_name>
      <ogr:side_a_dset_id>116</ogr:side_a_dset_id>
      <ogr:side_a_new_id>116</ogr:side_a_new_id>
      <ogr:side_a>Government of Iraq</ogr:side_a>
      <ogr:side_b_dset_id>234</ogr:side_b_dset_id>
      <ogr:side_b_new_id>234</ogr:side_b_new_id>
      <ogr:side_b>IS</ogr:side_b>
      <ogr:number_of_sources>2</ogr:number_of_sources>
      <ogr:source_article></ogr:source_article>
      <ogr:source_office>Reuters</ogr:source_office>
      <ogr:source_date></ogr:source_date>
      <ogr:source_headline></ogr:source_headline>
      <ogr:source_original></ogr:source_original>
      <ogr:where_prec>6</ogr:where_prec>
      <ogr:where_coordinates>Ain al-Asad Air Base</ogr:where_coordinates>
      <ogr:where_description>Ain al-Asad Air Base (town)</ogr:where_description>
      <ogr:adm_1>Al Anbar governorate</ogr:adm_1>
      <ogr:adm_2></ogr:adm_2>
      <ogr:latitude>33.8305</ogr:latitude>
      <ogr:longitude>42.4301</ogr:longitude>
      <ogr:geom_wkt>POINT (42.4301 33.8305)</ogr:geom_wkt>
      <ogr:priogrid_gid>150029</ogr:priogrid_gid>
      <ogr:country>Iraq</ogr:country>
      <ogr:country_id>645</ogr:country_id>
      <ogr:region>Middle East</ogr:region>
      <ogr:event_clarity>1</ogr:event_clarity>
      <ogr:date_prec>3</ogr:date_prec>
      <ogr:date_start>2020-05-20T00:00:00</ogr:date_start>
      <ogr:date_end>2020-05-26T00:00:00</ogr:date_end>
      <ogr:deaths_a>0</ogr:deaths_a>
      <ogr:deaths_b>2</ogr:deaths_b>
      <ogr:deaths_civilians>0</ogr:deaths_civilians>
      <ogr:deaths_unknown>0</ogr:deaths_unknown>
      <ogr:best>2</ogr:best>
      <ogr:high>3</ogr:high>
      <ogr:low>2</ogr:low>
      <ogr:gwnoa>645</ogr:gwnoa>
      <ogr:gwnob></ogr:gwnob>
    </ogr:ucdp_ged>
  </ogr:featureMember>
</ogr:FeatureCollection>
